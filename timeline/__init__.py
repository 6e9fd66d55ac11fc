"""timeline: build dated timelines of news stories from piles of articles.

This package is the library (no UI). Importing it is cheap: spaCy and dateparser are
imported only on the build path.
"""

__version__ = "0.1.0"
