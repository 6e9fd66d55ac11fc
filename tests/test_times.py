"""The time-expression engine on the language of news: values, types, anchoring by tense.

Each case is a sentence of our own, the publication date used as anchor, the expression's
text and its expected TimeML value. Monday 12 February 2024 is the default anchor.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.model import Precision, TimeExpression, TimexType, is_valid_date
from timeline.times import find_times, reanchor
from timeline.timex.resolve import resolve, value_date

MON = dt.date(2024, 2, 12)  # a Monday
WED = dt.date(2024, 2, 14)

# (sentence, anchor, expression text, value)
CASES: list[tuple[str, dt.date | None, str, str]] = [
    # weekdays by tense
    ("Trump told a campaign rally on Saturday that he would act.", MON, "Saturday", "2024-02-10"),
    ("The minister said on Wednesday that talks had failed.", WED, "Wednesday", "2024-02-14"),
    ("The ministers will meet on Wednesday in Brussels.", WED, "Wednesday", "2024-02-21"),
    ("The ministers will meet on Thursday in Brussels.", MON, "Thursday", "2024-02-15"),
    ("Police arrested two men on Friday.", MON, "Friday", "2024-02-09"),
    ("The senator spoke on Sunday.", MON, "Sunday", "2024-02-11"),
    ("Voters went to the polls on Tuesday.", WED, "Tuesday", "2024-02-13"),
    ("The company announced its results on Monday.", MON, "Monday", "2024-02-12"),
    ("The court is expected to rule on Friday.", MON, "Friday", "2024-02-16"),
    ("The envoys meet separately on Thursday with the mediator.", MON, "Thursday", "2024-02-15"),
    ("The exchange is to resume trading on Tuesday.", MON, "Tuesday", "2024-02-13"),
    ("Prosecutors have scheduled a news conference Thursday.", MON, "Thursday", "2024-02-15"),
    ("The group could leave as soon as Wednesday, officials said.", MON, "Wednesday", "2024-02-14"),
    ("The minister says on Sunday that he is ready.", MON, "Sunday", "2024-02-11"),
    ("Leaders are going to sign the deal on Thursday.", MON, "Thursday", "2024-02-15"),
    ("The strike ended last Friday.", WED, "last Friday", "2024-02-09"),
    ("The vote is scheduled for next Tuesday.", MON, "next Tuesday", "2024-02-13"),
    (
        "Trump told a campaign rally in South Carolina on Saturday night that he would encourage Russia.",
        MON,
        "Saturday night",
        "2024-02-10TNI",
    ),
    ("The fire started on Sunday morning.", MON, "Sunday morning", "2024-02-11TMO"),
    ("Protesters gathered again on Friday evening.", MON, "Friday evening", "2024-02-09TEV"),
    ("Rescue teams worked through Tuesday afternoon.", WED, "Tuesday afternoon", "2024-02-13TAF"),
    ("The market will be closed on Mondays.", MON, "Mondays", "XXXX-WXX-1"),
    ("The club meets every Thursday.", MON, "every Thursday", "XXXX-WXX-4"),
    ("The band plays on Tuesday nights.", MON, "Tuesday nights", "XXXX-WXX-2TNI"),
    ("Tourists flock to the coast each July.", MON, "each July", "XXXX-07"),
    ("Earlier Sunday, troops shelled the town.", MON, "Sunday", "2024-02-11"),
    # days around publication
    ("The president said today that he would veto the bill.", MON, "today", "2024-02-12"),
    ("Officials confirmed the deaths yesterday.", MON, "yesterday", "2024-02-11"),
    ("Today's ruling was a surprise.", MON, "Today", "2024-02-12"),
    ("Prices are expected to rise by year-end.", MON, "year-end", "2024"),
    ("The results will be published tomorrow.", MON, "tomorrow", "2024-02-13"),
    ("The game kicks off tonight.", MON, "tonight", "2024-02-12TNI"),
    ("The minister resigned this morning.", MON, "this morning", "2024-02-12TMO"),
    ("Two buildings collapsed last night.", MON, "last night", "2024-02-11TNI"),
    ("The storm hit yesterday afternoon.", MON, "yesterday afternoon", "2024-02-11TAF"),
    ("Talks resume tomorrow morning.", MON, "tomorrow morning", "2024-02-13TMO"),
    ("The deal was signed the day before yesterday.", MON, "the day before yesterday", "2024-02-10"),
    # calendar dates
    ("The treaty was signed on February 10, 2024.", MON, "February 10, 2024", "2024-02-10"),
    ("The vote took place on Feb. 10, 2024.", MON, "Feb. 10, 2024", "2024-02-10"),
    ("The ceasefire began on 10 February 2024.", MON, "10 February 2024", "2024-02-10"),
    ("The army invaded on Feb. 24, 2022.", MON, "Feb. 24, 2022", "2022-02-24"),
    ("He was born on Jan. 5, 1961.", MON, "Jan. 5, 1961", "1961-01-05"),
    ("The talks are set for March 3.", MON, "March 3", "2024-03-03"),
    ("The law took effect on Jan. 1.", MON, "Jan. 1", "2024-01-01"),
    ("Elections were held on Dec. 17.", MON, "Dec. 17", "2023-12-17"),
    ("The summit opens on Nov. 5.", MON, "Nov. 5", "2024-11-05"),
    ("Russia's February 2022 invasion changed Europe.", MON, "February 2022", "2022-02"),
    ("The report was published in April 2023.", MON, "April 2023", "2023-04"),
    ("Sales fell in September 2019.", MON, "September 2019", "2019-09"),
    ("The bridge opened in March of 2020.", MON, "March of 2020", "2020-03"),
    ("The dataset was released on 2023-11-30.", MON, "2023-11-30", "2023-11-30"),
    ("The filing is dated 11/30/2023.", MON, "11/30/2023", "2023-11-30"),
    ("The event was listed for week 2024-W07.", MON, "2024-W07", "2024-W07"),
    ("The rally was held on Saturday, Feb. 10.", MON, "Saturday, Feb. 10", "2024-02-10"),
    ("The shops will close on Christmas Day.", MON, "Christmas Day", "2024-12-25"),
    # months without a year
    ("He is running for re-election in November.", MON, "November", "2024-11"),
    ("The election will be held in November.", MON, "November", "2024-11"),
    ("The protests began in November.", MON, "November", "2023-11"),
    ("Inflation slowed in January.", MON, "January", "2024-01"),
    ("The company will report earnings in April.", MON, "April", "2024-04"),
    ("The factory closed last April.", MON, "last April", "2023-04"),
    ("The program starts next October.", MON, "next October", "2024-10"),
    ("The loan runs through January.", dt.date(2023, 11, 2), "January", "2024-01"),
    ("Prices rose in early December.", MON, "early December", "2023-12"),
    ("Construction will finish in late June.", MON, "late June", "2024-06"),
    ("Congress returns in mid-September.", MON, "mid-September", "2024-09"),
    ("The merger closed in January this year.", MON, "January this year", "2024-01"),
    ("The merger closed in June last year.", MON, "June last year", "2023-06"),
    # years, decades, centuries
    ("First agreed in 2006, the pledge is not binding.", MON, "2006", "2006"),
    ("As of 2023, only 11 allies met the target.", MON, "2023", "2023"),
    ("The plant will close by 2030.", MON, "2030", "2030"),
    ("The debt will be repaid by the end of 2024.", MON, "the end of 2024", "2024"),
    ("Growth is expected to pick up in mid-2025.", MON, "mid-2025", "2025"),
    ("The company was founded in early 1998.", MON, "early 1998", "1998"),
    ("Profits collapsed in late 2008.", MON, "late 2008", "2008"),
    ("Revenue rose 4% in fiscal 2024.", MON, "fiscal 2024", "2024"),
    ("The company posted losses in the 1990s.", MON, "the 1990s", "199"),
    ("The band was famous in the '80s.", MON, "the '80s", "198"),
    ("Steel towns declined in the late 1970s.", MON, "the late 1970s", "197"),
    ("The empire collapsed in the 19th century.", MON, "the 19th century", "18"),
    ("The treaty shaped the twentieth century.", MON, "the twentieth century", "19"),
    ("The deadline is the summer of 2025.", MON, "the summer of 2025", "2025-SU"),
    ("The findings were first reported in spring 2022.", MON, "spring 2022", "2022-SP"),
    # relative calendar units
    ("Sales fell last year.", MON, "last year", "2023"),
    ("Sales will rise this year.", MON, "this year", "2024"),
    ("The plant opens next year.", MON, "next year", "2025"),
    ("Prices jumped last month.", MON, "last month", "2024-01"),
    ("The board meets this month.", MON, "this month", "2024-02"),
    ("The law takes effect next month.", MON, "next month", "2024-03"),
    ("The minister visited Kyiv last week.", MON, "last week", "2024-W06"),
    ("Negotiators meet this week.", MON, "this week", "2024-W07"),
    ("Voting starts next week.", MON, "next week", "2024-W08"),
    ("Biden said earlier this week that the plan was dumb.", WED, "earlier this week", "2024-W07"),
    ("The report was leaked earlier this month.", MON, "earlier this month", "2024-02"),
    ("The vote is expected later this year.", MON, "later this year", "2024"),
    ("The firm plans to list early next year.", MON, "early next year", "2025"),
    ("Profits fell sharply late last year.", MON, "late last year", "2023"),
    ("The country entered recession this past quarter.", MON, "this past quarter", "2023-Q4"),
    ("The economy shrank last decade.", MON, "last decade", "201"),
    ("Crowds filled the streets over the weekend.", MON, "the weekend", "2024-W06-WE"),
    ("The festival takes place this weekend.", WED, "this weekend", "2024-W07-WE"),
    ("Fighting resumed last weekend.", MON, "last weekend", "2024-W06-WE"),
    ("Talks will resume next weekend.", MON, "next weekend", "2024-W08-WE"),
    ("The tournament will be held this spring.", MON, "this spring", "2024-SP"),
    ("The dam burst last summer.", MON, "last summer", "2023-SU"),
    ("The harvest failed last fall.", MON, "last fall", "2023-FA"),
    ("Trials begin next winter.", MON, "next winter", "2025-WI"),
    ("The party was routed two years ago.", MON, "two years ago", "2022"),
    ("The company was sold three months ago.", MON, "three months ago", "2023-11"),
    ("The hostages were freed six weeks ago.", MON, "six weeks ago", "2024-W01"),
    ("The ship sank four days ago.", MON, "four days ago", "2024-02-08"),
    ("The wall fell a decade ago.", MON, "a decade ago", "2014"),
    ("The treaty was signed two decades ago.", MON, "two decades ago", "2004"),
    ("The dispute began several years ago.", MON, "several years ago", "PAST_REF"),
    ("The reform will be reviewed two years from now.", MON, "two years from now", "2026"),
    # quarters and halves
    ("Revenue rose in the third quarter.", dt.date(2024, 11, 2), "the third quarter", "2024-Q3"),
    ("Third-quarter profit fell 5%.", dt.date(2024, 11, 2), "Third-quarter", "2024-Q3"),
    ("Profit in Q3 beat forecasts.", dt.date(2024, 11, 2), "Q3", "2024-Q3"),
    ("Profit in Q2 2023 beat forecasts.", MON, "Q2 2023", "2023-Q2"),
    ("The firm lost money in the fourth quarter of 2023.", MON, "the fourth quarter of 2023", "2023-Q4"),
    ("Sales in the quarter rose 3%.", dt.date(2024, 11, 2), "the quarter", "2024-Q3"),
    ("Sales will rise in the current quarter.", dt.date(2024, 11, 2), "the current quarter", "2024-Q4"),
    ("Output fell in the first half of 2023.", MON, "the first half of 2023", "2023-H1"),
    # reporting years
    ("Net income for the year ended March 31 doubled.", MON, "the year", "P1Y"),
    ("The firm forecast higher earnings for the full year.", MON, "the full year", "2024"),
    # durations
    ("Prices have risen over the past three years.", MON, "the past three years", "P3Y"),
    ("The siege lasted 40 days.", MON, "40 days", "P40D"),
    ("He served two terms over eight years.", MON, "eight years", "P8Y"),
    ("The agency signed a two-year contract.", MON, "two-year", "P2Y"),
    ("The talks lasted five hours.", MON, "five hours", "PT5H"),
    ("The vote took 30 minutes.", MON, "30 minutes", "PT30M"),
    ("The project will take a few days.", MON, "a few days", "PXD"),
    ("Fighting has gone on for months.", MON, "months", "PXM"),
    ("The alliance has kept the peace for the 65 years.", MON, "the 65 years", "P65Y"),
    ("Revenue rose in the first nine months.", MON, "the first nine months", "P9M"),
    ("Rates will stay high for the next two years.", MON, "the next two years", "P2Y"),
    ("The process could take about six months.", MON, "about six months", "P6M"),
    ("The probe lasted nearly two decades.", MON, "nearly two decades", "P20Y"),
    ("He spent more than a decade in prison.", MON, "more than a decade", "P10Y"),
    ("Prices rose during the past year.", MON, "the past year", "P1Y"),
    ("The case dragged on for twenty-five years.", MON, "twenty-five years", "P25Y"),
    ("The ceasefire held for a week.", MON, "a week", "P1W"),
    ("The ferry now sails twice a week to the island.", MON, "twice a week", "P1W"),
    ("The board named a new chief executive, effective March 1.", MON, "March 1", "2024-03-01"),
    ("The fare rise, effective Jan. 1, was approved by regulators.", MON, "Jan. 1", "2025-01-01"),
    ("Sales in the current fiscal year that ends in June will rise.", MON, "the current fiscal year", "2024"),
    ("Profit will fall for the fiscal year. In 2023, it rose.", MON, "the fiscal year", "2024"),
    ("Now, the minister says, the talks can resume.", MON, "Now", "PRESENT_REF"),
    ("This week the central bank raised rates again.", WED, "This week", "2024-W07"),
    ("Three days later the rebels withdrew.", MON, "Three days", "P3D"),
    ("Rescuers searched for 48 hours.", MON, "48 hours", "PT48H"),
    ("The hearing lasted 5 1/2 hours.", MON, "5 1/2 hours", "PT5H30M"),
    ("He could serve 20 more years in prison.", MON, "20 more years", "P20Y"),
    ("Stocks fell for three straight days.", MON, "three straight days", "P3D"),
    ("The refit took 2 1/2 years.", MON, "2 1/2 years", "P2Y6M"),
    # references
    ("NATO is now stronger than ever.", MON, "now", "PRESENT_REF"),
    ("Trump is currently the frontrunner.", MON, "currently", "PRESENT_REF"),
    ("The company recently cut jobs.", MON, "recently", "PAST_REF"),
    ("Prices will fall soon.", MON, "soon", "FUTURE_REF"),
    ("Such wars belong to the past.", MON, "the past", "PAST_REF"),
    ("The plan may change in the future.", MON, "the future", "FUTURE_REF"),
    ("Growth has been slow in recent years.", MON, "recent years", "PXY"),
    ("Tensions will rise in the coming months.", MON, "the coming months", "FUTURE_REF"),
    ("The bank is at present reviewing its options.", MON, "at present", "PRESENT_REF"),
    # sets
    ("The paper is published daily.", MON, "daily", "P1D"),
    ("The board meets weekly.", MON, "weekly", "P1W"),
    ("The fee is paid annually.", MON, "annually", "P1Y"),
    ("Inspectors visit each week.", MON, "each week", "P1W"),
    ("Elections are held every four years.", MON, "every four years", "P4Y"),
    ("Members meet twice a year.", MON, "twice a year", "P1Y"),
    ("The medicine is taken every morning.", MON, "every morning", "XXXX-XX-XXTMO"),
    # clock times
    ("The polls close at 8 p.m. and counting starts.", MON, "8 p.m.", "2024-02-12T20:00"),
    ("The blast was heard at 10:30 a.m. near the port.", MON, "10:30 a.m.", "2024-02-12T10:30"),
    ("The deadline is 5 p.m. Friday.", MON, "5 p.m. Friday", "2024-02-16T17:00"),  # a schedule: ahead
    ("The ceasefire begins at midnight.", MON, "midnight", "2024-02-12T00:00"),
    ("He will speak at noon tomorrow.", MON, "noon tomorrow", "2024-02-13T12:00"),
    ("The shelling stopped at 6 a.m. Rescuers moved in.", MON, "6 a.m", "2024-02-12T06:00"),
    ("The Aug. 7 bombings killed 200 people.", MON, "Aug. 7", "2023-08-07"),
    ("Its third-quarter results beat forecasts.", dt.date(2024, 11, 2), "third-quarter", "2024-Q3"),
    ("The bank signed the 14-day loan.", MON, "14-day", "P14D"),
    # spoken years, holidays, reporting periods
    ("The station first aired in nineteen ninety-six.", MON, "nineteen ninety-six", "1996"),
    ("Plans were drawn up for the year two thousand.", MON, "the year two thousand", "2000"),
    ("Atlanta, nineteen ninety-six: a bomb shook the games.", MON, "nineteen ninety-six", "1996"),
    ("Crime fell sharply through the nineties.", MON, "the nineties", "199"),
    ("Families gather on Thanksgiving Day.", dt.date(2023, 11, 1), "Thanksgiving Day", "2023-11-23"),
    (
        "Net income fell from $5 million in the year-earlier quarter.",
        dt.date(2024, 11, 2),
        "the year-earlier quarter",
        "2023-Q3",
    ),
    ("Sales rose 5% from the year-ago third quarter.", dt.date(2024, 11, 2), "the year-ago third quarter", "2023-Q3"),
    # narrative time: counted from the last date the story gave, not from publication
    (
        "The mayor took office in March 2009 and the following year she ran for governor.",
        MON,
        "the following year",
        "2010",
    ),
    ("The plant shut on June 4, 2015, and reopened the next day.", MON, "the next day", "2015-06-05"),
    (
        "The envoy landed on Oct. 2, 2019. The previous evening, talks had stalled.",
        MON,
        "The previous evening",
        "2019-10-01TEV",
    ),
    ("The dam failed in May 2011. Later that year the region was flooded again.", MON, "Later that year", "2011"),
    (
        "The rebels seized the port on Aug. 9, 2014. Earlier that day, the army had withdrawn.",
        MON,
        "Earlier that day",
        "2014-08-09",
    ),
    ("The union first struck in 1998, winning a raise that year.", MON, "that year", "1998"),
    ("Fighting broke out on Friday; the day before, envoys had left.", MON, "the day before", "2024-02-08"),
    (
        "The treaty was signed in April 2001. The following month, the border opened.",
        MON,
        "The following month",
        "2001-05",
    ),
    # parts of the day, weeks named by a day, plans that have passed
    (
        "Shares were trading higher by mid-afternoon yesterday in Tokyo.",
        MON,
        "mid-afternoon yesterday",
        "2024-02-11TAF",
    ),
    ("The hearing is set for the week of March 4.", MON, "the week of March 4", "2024-W10"),
    ("The court sits again the week of June 3, 2024.", MON, "the week of June 3, 2024", "2024-W23"),
    ("The truce had been due to end on Friday.", MON, "Friday", "2024-02-09"),
    ("The vote had been scheduled for Thursday before it was called off.", MON, "Thursday", "2024-02-08"),
    ("The sprint took a minute and a half.", MON, "a minute and a half", "PT1M30S"),
    ("The ministers were divided at the time, diplomats recall.", MON, "the time", "PAST_REF"),
    ("Growth will stay weak in the near term, the bank warned.", MON, "the near term", "FUTURE_REF"),
    ("Officials could not be reached for comment on Sunday.", MON, "Sunday", "2024-02-11"),
    ("The first two nations to sign the accord on Friday were neighbours.", MON, "Friday", "2024-02-09"),
    # reporting periods: halves and quarters named by their year
    (
        "Profit rose in the third quarter of 2023. Sales in the quarter reached $2 billion.",
        MON,
        "the quarter",
        "2023-Q3",
    ),
    ("Margins should recover in the latter half of 2024.", MON, "the latter half of 2024", "2024-H2"),
    (
        "The chain expects losses through the first two quarters of 2025.",
        MON,
        "the first two quarters of 2025",
        "2025-H1",
    ),
    (
        "Third-quarter profit rose to $4 million from $3 million in the 2023 quarter.",
        MON,
        "the 2023 quarter",
        "2023-Q3",  # the quarter the story names (a fiscal third quarter, reported in February), in 2023
    ),
    (
        "Quarterly sales rose 8%. In the same period last year, the quarter's sales had fallen.",
        MON,
        "the same period last year",
        "2022-Q4",
    ),
    # no anchor: relative expressions stay unresolved
    ("Trump told a rally on Saturday that he would act.", None, "Saturday", "XXXX-WXX-6"),
    ("Officials confirmed the deaths yesterday.", None, "yesterday", "XXXX-XX-XX"),
    ("Sales fell last year.", None, "last year", "XXXX"),
    ("Prices jumped last month.", None, "last month", "XXXX-XX"),
    ("The minister visited Kyiv last week.", None, "last week", "XXXX-WXX"),
    ("He is running for re-election in November.", None, "November", "XXXX-11"),
    ("The talks are set for March 3.", None, "March 3", "XXXX-03-03"),
    ("The fire started on Sunday morning.", None, "Sunday morning", "XXXX-WXX-7TMO"),
    ("The tournament will be held this spring.", None, "this spring", "XXXX-SP"),
    ("Profit in Q3 beat forecasts.", None, "Q3", "XXXX-Q3"),
    # absolute expressions need no anchor
    ("Russia's February 2022 invasion changed Europe.", None, "February 2022", "2022-02"),
    ("First agreed in 2006, the pledge is not binding.", None, "2006", "2006"),
    ("Prices have risen over the past three years.", None, "the past three years", "P3Y"),
    # a year modifying a noun, or classifying reported figures
    ("Moscow's 2022 full-scale assault on its neighbour shocked Europe.", MON, "2022", "2022"),
    ("The ministry's 2021 budget was cut twice.", MON, "2021", "2021"),
    ("According to 2019 figures, exports fell.", MON, "2019", "2019"),
    # "since" looks back: what a span starts from is behind us
    ("Police have hunted the gunman since the March 3 shooting.", MON, "March 3", "2023-03-03"),
    ("The index has gained 4% since year-end.", MON, "year-end", "2023"),
    ("Rescuers have searched the area since early March.", MON, "early March", "2023-03"),
    # "as of" names the date a state holds from: behind publication unless the clause is future
    ("As of January, the fund holds $2 billion.", MON, "January", "2024-01"),
    ("As of December, the store employs 40 people.", MON, "December", "2023-12"),
    ("As of March 1, the new fee will apply to every order.", MON, "March 1", "2024-03-01"),
    # clock times: the day past an aside, the story's day in a past-tense clause
    ("The blast struck at 10:35 a.m. (0735 GMT) Friday, police said.", MON, "10:35 a.m.", "2024-02-09T10:35"),
    ("The ferry sank on Feb. 3. It went down at 10 p.m. in heavy seas.", MON, "10 p.m.", "2024-02-03T22:00"),
    ("The ferry sank on Feb. 3. Polls close at 8 p.m., officials say.", MON, "8 p.m.", "2024-02-12T20:00"),
    # durations counted in working days, offsets with "or so"
    ("The index has fallen for six trading days.", MON, "six trading days", "P6D"),
    ("The deal must close within 10 business days.", MON, "10 business days", "P10D"),
    ("The talks collapsed a week or so ago.", MON, "a week or so ago", "2024-W06"),
    # a weekday counted from the story's day
    ("Shares ended Friday, Feb. 9, up 3% from the previous Friday.", MON, "the previous Friday", "2024-02-02"),
    ("The envoy arrived on Feb. 1 and left the following Monday.", MON, "the following Monday", "2024-02-05"),
    # "one day" after a modal is the future, not a day's length
    ("Officials hope the city could one day host the Olympics.", MON, "one day", "FUTURE_REF"),
    ("The strike lasted one day.", MON, "one day", "P1D"),
    # a negated "could" is the past of "can"; an infinitive subject takes the main verb's tense
    ("Neither the mayor nor his aides could be reached Wednesday.", dt.date(2024, 2, 16), "Wednesday", "2024-02-14"),
    ("Among the first states to ratify the pact on Friday were Chile and Peru.", WED, "Friday", "2024-02-09"),
    # a bare verb form with a singular subject is a past ("hurt", "hit", "cut")
    ("Weakness in bank shares hurt the index on Friday.", MON, "Friday", "2024-02-09"),
    # clock times told by the part of the day
    ("Ships will sail at 4 in the morning on Thursday.", MON, "4 in the morning on Thursday", "2024-02-15T04:00"),
    ("The ferry sank on Feb. 3. It left port at 9 at night.", MON, "9 at night", "2024-02-03T21:00"),
    # a year as the bound of an era
    ("The post-1989 order is fraying, the minister said.", MON, "post-1989", "1989"),
    ("Lenders returned to pre-2008 habits.", MON, "pre-2008", "2008"),
    # "around" is part of an approximate point in time, not of a verb
    ("The gunmen entered the bank around 7:15 p.m. on Friday.", MON, "around 7:15 p.m. on Friday", "2024-02-09T19:15"),
    ("The sale should be completed around March 1.", MON, "around March 1", "2024-03-01"),
    ("Lawyers looked for ways to get around Friday's ruling.", MON, "Friday", "2024-02-09"),
    # "would" in reported speech: the future of the saying
    ("The company said the plant would close on Friday.", WED, "Friday", "2024-02-16"),
    ("Officials said the talks would resume Monday.", WED, "Monday", "2024-02-19"),
    ("The union said it would strike on Saturday unless wages rose.", MON, "Saturday", "2024-02-17"),
    # a day right after the reporting verb dates the saying, wherever the parser hangs it
    ("The company said on Friday it would cut 2,000 jobs.", WED, "Friday", "2024-02-09"),
    ("The ministry said Tuesday it would review the contract.", WED, "Tuesday", "2024-02-13"),
    # a half of a named year
    ("Growth slowed in the second half of last year.", MON, "the second half of last year", "2023-H2"),
    ("Growth should pick up in the first half of next year.", MON, "the first half of next year", "2025-H1"),
    ("Profits rose in the first half of the year.", MON, "the first half of the year", "2024-H1"),
    # "N units later": a duration before a signal word (TimeML), counted or vague
    ("Two days later, the governor declared an emergency.", MON, "Two days", "P2D"),
    ("Police arrested a suspect two hours later.", MON, "two hours", "PT2H"),
    ("In 2019 the factory closed. Two years later, it reopened.", MON, "Two years later", "2021"),
    ("The factory will reopen two years later than planned.", MON, "two years later", "2026"),
    ("Days later, the minister resigned.", MON, "Days", "PXD"),
    ("Weeks later, the army withdrew from the town.", MON, "Weeks", "PXW"),
    # a season named bare is picked by tense, as a month is
    ("The works were completed in the autumn.", WED, "the autumn", "2023-FA"),
    ("The works will be completed in the autumn.", WED, "the autumn", "2024-FA"),
    ("The summit took place in the spring.", WED, "the spring", "2023-SP"),
    ("Elections will be held in summer.", WED, "summer", "2024-SU"),
    ("The law was passed this summer.", WED, "this summer", "2024-SU"),
    # how long something lasts, as a compound adjective
    ("The year-long inquiry ended on Tuesday.", WED, "year-long", "P1Y"),
    ("A decades-long feud between the clans flared again.", WED, "decades-long", "PXDE"),
    ("A two-week-long strike crippled the ports.", WED, "two-week-long", "P2W"),
    # a quarter named without a year or tense: the one last reported when it is still ahead this year
    ("The carmaker's fourth-quarter profit beat forecasts.", WED, "fourth-quarter", "2023-Q4"),
    # a clock time after "<day> at" is on that day
    ("Bids must be submitted by Friday at 5 p.m.", WED, "5 p.m", "2024-02-16T17:00"),
    ("The polls closed on Sunday at 8 p.m. local time.", WED, "8 p.m. local time", "2024-02-11T20:00"),
    # "the 1800s" is a century; "the 1980s", "the 2000s" decades
    ("The mill was built in the late 1800s.", WED, "the late 1800s", "18"),
    ("The estate changed hands in the early 1900s.", WED, "the early 1900s", "19"),
    ("Broadband spread to most homes in the 2000s.", WED, "the 2000s", "200"),
    # "set for <day>": a date fixed ahead
    ("An appeal hearing has been set for Monday.", WED, "Monday", "2024-02-19"),
    # the last day of a list takes the month named before it
    ("The leaders will meet at the summit on April 24 and 25.", WED, "25", "2024-04-25"),
    ("Talks were held on Feb. 2, 3 and 5.", WED, "5", "2024-02-05"),
    # a year between a determiner and a plural noun
    ("Union leaders who led the 2019 protests have left the city.", WED, "2019", "2019"),
    ("Russia's 2022 strikes knocked out power plants.", WED, "2022", "2022"),
    # "March" qualifying an event
    ("Ministers signed the March accord in Brussels.", WED, "March", "2024-03"),
    # a modal's perfect is a past
    ("The outage may have been caused by a storm on Tuesday.", WED, "Tuesday", "2024-02-13"),
    ("Guards could have stopped the attack on Monday.", WED, "Monday", "2024-02-12"),
    # a term granted or stretched "until" a day runs ahead of the granting
    ("The bank has extended the loan until March.", WED, "March", "2024-03"),
    ("Officials gave the families until Friday to leave.", WED, "Friday", "2024-02-16"),
    ("The regulator extended its deadline until 9 a.m. Tuesday.", MON, "9 a.m. Tuesday", "2024-02-13T09:00"),
    # a calendar quarter named by its months
    ("Exports fell 5% in the October-December quarter.", WED, "the October-December quarter", "2023-Q4"),
    ("Exports should recover in the April-June quarter.", WED, "the April-June quarter", "2024-Q2"),
    ("Profit rose in the July-September 2023 quarter.", WED, "the July-September 2023 quarter", "2023-Q3"),
    # holidays whose day moves from year to year
    ("Voters will go to the polls on Election Day.", WED, "Election Day", "2024-11-05"),
    ("The pope celebrated Mass on Easter Sunday.", WED, "Easter Sunday", "2023-04-09"),
    ("Shops will close on Good Friday.", WED, "Good Friday", "2024-03-29"),
    ("The bombings came on Easter 2019.", WED, "Easter 2019", "2019-04-21"),
    ("The strike began on Labor Day.", WED, "Labor Day", "2023-09-04"),
    ("Pools will open on Memorial Day.", WED, "Memorial Day", "2024-05-27"),
    # "year-ago" qualifying a figure: the adjective alone is the expression
    ("The year-ago results included a large charge.", WED, "year-ago", "2023"),
    ("The year-earlier figures have been restated.", WED, "year-earlier", "2023"),
    # "that quarter": the quarter the story is at
    ("Profit rose in the third quarter of 2023. Sales in that quarter rose 5%.", WED, "that quarter", "2023-Q3"),
    ("Nobody played down the challenges of the near term.", WED, "the near term", "FUTURE_REF"),
    # "the next <unit>": after the story's time in a past story, after publication otherwise
    ("On Jan. 3 he resigned. The next week he left the country.", WED, "The next week", "2024-W02"),
    ("The company, founded in 1998, listed its shares the next year.", WED, "the next year", "1999"),
    ("The plant will be closed over the next year or so.", WED, "the next year or so", "2025"),
    ("Pilgrims packed the city as Easter week began.", dt.date(2024, 3, 25), "Easter week", "2024-W13"),
    # a spelled-out year after a season, as "the winter of 1978"
    (
        "Old-timers still talk about the winter of nineteen seventy-eight.",
        MON,
        "the winter of nineteen seventy-eight",
        "1978-WI",
    ),
    ("The fair reopened in the summer of two thousand and one.", MON, "the summer of two thousand and one", "2001-SU"),
    # a date naming what no one schedules (an attack, a crash, a death) is behind publication, whatever the tense
    ("Police have new leads in the October shooting of a judge.", dt.date(2024, 4, 20), "October", "2023-10"),
    ("Prosecutors will present evidence about the Sept. 12 attack on the consulate.", MON, "Sept. 12", "2023-09-12"),
    ("Divers will search again for the wreck of the June crash.", dt.date(2024, 2, 20), "June", "2023-06"),
    # a year ago in an earnings report: the quarter reported, unless the sentence compares longer months
    (
        "Third-quarter profit fell 4%. Quarterly sales rose. In the first nine months, net rose to $40 million"
        " from $31 million a year earlier.",
        dt.date(2024, 11, 2),
        "a year earlier",
        "2023",
    ),
    (
        "Third-quarter profit fell 4%. Quarterly sales rose.\nNet rose to $10 million from $9 million a year earlier.\n"
        "In the first nine months, net rose 5%.",
        dt.date(2024, 11, 2),
        "a year earlier",
        "2023-Q3",
    ),
    (
        "Profit rose in the quarter. In the first nine months, net was $306 million, against a loss of"
        " $195 million in the 2023 period.",
        dt.date(2024, 11, 2),
        "the 2023 period",
        "2023",
    ),
    # "it is the nth day of" something: that day is today
    ("It's the third day of a strike by dock workers.", WED, "the third day", "2024-02-14"),
    ("In the capital, today is the 10th straight day of protests.", MON, "the 10th straight day", "2024-02-12"),
    # a quarter of a century or an hour is a duration; "then-current" is the present of a past time
    ("The dictator ruled for a quarter of a century.", MON, "a quarter of a century", "P25Y"),
    ("The speech lasted three quarters of an hour.", MON, "three quarters of an hour", "PT45M"),
    ("Holders may buy shares at half the then-current market price.", MON, "then-current", "PAST_REF"),
    ("The chain returned to profit after several quarters of losses.", MON, "several quarters", "PXQ"),
    # "a high for the year of $42": the year of the story, its high an amount
    ("The shares touched a high for the year of $42 in June.", dt.date(2024, 10, 30), "the year", "2024"),
    # an earnings report names its quarter once, then compares per-share figures "a year ago": that quarter
    (
        "Acme reported a 20% drop in third-quarter net income. Net was $7 million, or 22 cents a share, down from"
        " $9 million, or 30 cents a share, a year ago.",
        dt.date(2024, 10, 30),
        "a year ago",
        "2023-Q3",
    ),
    (
        "In the third quarter, the insurer lost $23 million on cars, against a profit of $33 million last year.",
        dt.date(2024, 10, 30),
        "last year",
        "2023-Q3",
    ),
    (
        "The insurer lost $23 million last year, its worst result since 2001.",
        dt.date(2024, 10, 30),
        "last year",
        "2023",
    ),
    # the quarter an earnings story reports, as it numbers it (fiscal quarters): its comparisons count from it
    (
        "The food maker reported a 47% drop in fourth-quarter profit, to $45 million from $85 million a year earlier.",
        dt.date(2024, 11, 2),
        "a year earlier",
        "2023-Q4",
    ),
    (
        "The food maker reported a 47% drop in fourth-quarter earnings, to 65 cents a share. Sales in the latest"
        " period rose 13%.",
        dt.date(2024, 11, 2),
        "the latest period",
        "2024-Q4",
    ),
    (
        "Third-quarter profit rose 5%. The bank gave no forecast for fourth-quarter results. Deposits rose 2% from a"
        " year ago.",
        dt.date(2024, 10, 30),
        "a year ago",
        "2023-Q3",
    ),
    ("The offer appeared in today's editions of the paper.", MON, "today", "2024-02-12"),
    ("Tomorrow's vote has international implications.", MON, "Tomorrow", "2024-02-13"),
    # "in the morning" in a past-tense story: that part of the day the story is at
    ("Shares slid on Friday. Dealers placed heavy buy orders in the morning.", MON, "the morning", "2024-02-09TMO"),
    # a get-passive takes the tense of the verb it completes
    ("Factories are going to start getting hit in the spring.", MON, "the spring", "2024-SP"),
    ("Factories started getting hit by shortages in the spring.", MON, "the spring", "2023-SP"),
    # "a year earlier" beside a month's figures is that month a year before
    ("Exports were 4% lower in January than a year earlier.", MON, "a year earlier", "2023-01"),
    ("Unemployment stood at 7.9% in December, up from 7.7% a year ago.", MON, "a year ago", "2022-12"),
    ("Wages rose 3.8% from a year earlier.", MON, "a year earlier", "2023"),
    (
        "Inflation was 2.8% in January, up from 2.7% in the same month last year.",
        MON,
        "the same month last year",
        "2023-01",
    ),
    # a bare half is a year's beside the figures it reports
    ("Pretax profit rose 38% in the first half.", dt.date(2024, 9, 2), "the first half", "2024-H1"),
    # a company reporting "third-quarter" results in March reports its fiscal third quarter, of this year
    (
        "The software maker's third-quarter revenue was flat at $9 billion, or 59 cents a share, from the same"
        " quarter a year ago.",
        dt.date(2024, 3, 21),
        "third-quarter",
        "2024-Q3",
    ),
    (
        "The software maker's third-quarter revenue was flat at $9 billion, or 59 cents a share, from the same"
        " quarter a year ago.",
        dt.date(2024, 3, 21),
        "the same quarter a year ago",
        "2023-Q3",
    ),
    ("The economy shrank in the third quarter.", dt.date(2024, 3, 21), "the third quarter", "2023-Q3"),
    # "the weeks ahead" is the future, as "the coming weeks"
    ("Funds may have to sell bonds in the weeks ahead.", MON, "the weeks ahead", "FUTURE_REF"),
    ("The scars will remain for the years to come.", MON, "the years to come", "FUTURE_REF"),
    # "later Thursday" in Thursday's paper is that day, whatever the tense
    ("Later Wednesday, the president will address the nation.", WED, "Wednesday", "2024-02-14"),
    ("Earlier Wednesday, ministers met in Brussels.", WED, "Wednesday", "2024-02-14"),
    ("Later Friday, the team will fly home.", WED, "Friday", "2024-02-16"),
    # "last <month>" for the month just past is a year before ("last month" names that one)
    ("Two helicopters collided last January.", MON, "last January", "2023-01"),
    ("The ferry sank last December.", dt.date(2024, 1, 20), "last December", "2023-12"),
    # a web page's dateline: an abbreviated weekday and month
    ("Updated 4:42 PM ET, Thu March 21, 2024", MON, "Thu March 21, 2024", "2024-03-21"),
    ("Published: Fri, 22 Mar 2024", MON, "Fri, 22 Mar 2024", "2024-03-22"),
    # US time zones; a clock time on every such day
    ("The hearing begins at 9:30 a.m. Eastern on Friday.", MON, "9:30 a.m. Eastern on Friday", "2024-02-16T09:30"),
    ("The show airs at 8 p.m. ET Sundays.", MON, "8 p.m. ET Sundays", "XXXX-WXX-7T20:00"),
    # half a unit
    ("The meeting lasted half an hour.", MON, "half an hour", "PT30M"),
    ("The dynasty ruled for nearly half a century.", MON, "nearly half a century", "P50Y"),
    ("The inquiry could take weeks.", MON, "weeks", "PXW"),
    # a stretch of unstated length
    ("The town has changed a great deal over the years.", MON, "the years", "PXY"),
    ("Traders will have to live without the index for a while.", MON, "a while", "PXX"),
    # a 24-hour clock time with its zone
    ("The station will reopen at 14:00 GMT on Friday.", MON, "14:00 GMT on Friday", "2024-02-16T14:00"),
    ("Polls open at 0700 local time.", MON, "0700 local time", "2024-02-12T07:00"),
    # a season counted from the story's time; a decade later than a year the story gave
    ("The mine shut in 2009. The following spring, the town lost its school.", MON, "The following spring", "2010-SP"),
    ("The flood came in June 2016. That summer, crops failed.", MON, "That summer", "2016-SU"),
    ("The plant opened in March 2001 and shut the following winter.", MON, "the following winter", "2002-WI"),
    ("By 1990 the firm had 500 staff. A decade later it had 10,000.", MON, "A decade later", "200"),
    # a day a present-tense "be" names is a schedule: ahead, or today
    ("The run-off vote is on Sunday.", WED, "Sunday", "2024-02-18"),
    ("The second round of voting is on Saturday.", WED, "Saturday", "2024-02-17"),
    ("The final is on Wednesday afternoon.", WED, "Wednesday afternoon", "2024-02-14TAF"),
    ("The final was on Sunday afternoon.", WED, "Sunday afternoon", "2024-02-11TAF"),
    # "the quarter" in an earnings story is the quarter it reports, as the company numbers it
    (
        "For the fiscal first quarter ended Dec. 30, the retailer earned $2 billion. It opened 40 stores in the"
        " quarter.",
        dt.date(2024, 1, 25),
        "the quarter",
        "2024-Q1",
    ),
    # a record date "as of" a day a few weeks ahead, set in the past tense
    (
        "The board declared a dividend payable to holders of record as of June 6.",
        dt.date(2024, 5, 23),
        "June 6",
        "2024-06-06",
    ),
    ("As of March 1, the bank had 200 branches.", dt.date(2024, 4, 20), "March 1", "2024-03-01"),
    # a date written with dots, day first
    ("LISBON, 15.03.2024 - Talks resumed.", MON, "15.03.2024", "2024-03-15"),
    ("The law took effect on 1.7.2023.", MON, "1.7.2023", "2023-07-01"),
    # a 24-hour clock time without a zone, after "at", "until"... or before its day
    (
        "The strike will last until 00:01 on Tuesday 19 March.",
        dt.date(2024, 3, 15),
        "00:01 on Tuesday 19 March",
        "2024-03-19T00:01",
    ),
    ("The minister will speak at 14:30 on Thursday.", MON, "14:30 on Thursday", "2024-02-15T14:30"),
    ("Doors open at 19:30.", MON, "19:30", "2024-02-12T19:30"),
    # a quarter of a stated fiscal year, and the comparisons counted from it
    (
        "Net income for the first quarter of fiscal 2025 rose 18% from a year earlier.",
        dt.date(2024, 5, 23),
        "the first quarter of fiscal 2025",
        "2025-Q1",
    ),
    (
        "Profit in the second quarter of fiscal 2025 rose 9% from a year earlier.",
        dt.date(2024, 9, 1),
        "a year earlier",
        "2024-Q2",
    ),
    # a fiscal year by two digits; "end-2025", "start-2024" as business news writes them
    ("The group expects FY25 revenue of $8 billion.", MON, "FY25", "2025"),
    ("Margins should recover by end-2025.", MON, "end-2025", "2025"),
    ("The plant will be ready by end-March.", MON, "end-March", "2024-03"),
    # a clock time and its day written day first
    (
        "The transfer window closes at 11pm on 1 September.",
        dt.date(2024, 8, 20),
        "11pm on 1 September",
        "2024-09-01T23:00",
    ),
    # a fraction of a century is counted in years
    ("A half-century of embargo shaped the island.", MON, "A half-century", "P50Y"),
    ("The feud lasted a century and a half.", MON, "a century and a half", "P150Y"),
    # a month and day in figures after "on", US order, its year by the tense
    ("The council said on 3/14 it would spend more.", dt.date(2024, 3, 20), "3/14", "2024-03-14"),
    ("The game is on 4/2.", dt.date(2024, 3, 20), "4/2", "2024-04-02"),
    # the shopping days after Thanksgiving
    ("Black Friday orders were ahead of last year's.", dt.date(2019, 10, 15), "Black Friday", "2019-11-29"),
    ("Retailers expect record sales on Cyber Monday.", dt.date(2024, 11, 1), "Cyber Monday", "2024-12-02"),
    # a present tense names the month just over as readily as one ahead
    ("The cold snap follows the wettest December on record.", dt.date(2021, 1, 6), "December", "2020-12"),
    ("Export figures for April show a rise.", dt.date(2024, 5, 10), "April", "2024-04"),
    ("The summit opens in November.", dt.date(2024, 6, 10), "November", "2024-11"),
    # "later in the day": the day the story is at
    (
        "The ferry sank on March 3. Later in the day, divers found survivors.",
        dt.date(2024, 3, 10),
        "the day",
        "2024-03-03",
    ),
    ("Earlier in the week, the talks had stalled.", WED, "the week", "2024-W07"),
    # "in the fall" is the season unless a drop or a tumble is meant
    ("The clerk was due to retire in the fall.", dt.date(2018, 5, 10), "the fall", "2018-FA"),
    ("Elections will be held in the fall.", dt.date(2018, 5, 10), "the fall", "2018-FA"),
    # time zones beyond Europe's and America's; a timestamp's seconds and zone
    ("The Nikkei closed at 15:00 JST on Friday.", MON, "15:00 JST on Friday", "2024-02-09T15:00"),
    ("Indian shares rose after the 9.15am IST open.", MON, "9.15am IST", "2024-02-12T09:15"),
    ("The euro traded at 1.09 at 2024-03-14T09:25:30Z.", MON, "2024-03-14T09:25:30Z", "2024-03-14T09:25:30"),
    # geological time: counted in millions, before any calendar year
    ("The dinosaurs died out 66 million years ago.", MON, "66 million years ago", "PAST_REF"),
    ("The ice sheet has existed for 3 million years.", MON, "3 million years", "P3000000Y"),
    # a day a present-tense "be" has for complement is a schedule; so is a report of a thing, not of words
    ("The deadline is Friday.", WED, "Friday", "2024-02-16"),
    ("The deadline was Friday.", WED, "Friday", "2024-02-09"),
    ("The company reports earnings on Thursday.", MON, "Thursday", "2024-02-15"),
    ("The minister announces the budget on Wednesday.", MON, "Wednesday", "2024-02-14"),
    # dates as records, spreadsheets and East Asian papers write them; analysts' shorthand for periods
    ("The file is dated 2024/03/14.", MON, "2024/03/14", "2024-03-14"),
    ("The contract is dated 14-Mar-2023.", MON, "14-Mar-2023", "2023-03-14"),
    ("Revenue rose in 1Q24 and fell in 2H23.", MON, "1Q24", "2024-Q1"),
    ("Revenue rose in 1Q24 and fell in 2H23.", MON, "2H23", "2023-H2"),
    # a day of the month alone, in the month the story is at
    ("The strike began on March 3 and ended on the 5th.", dt.date(2024, 3, 20), "the 5th", "2024-03-05"),
    ("Fans will have to wait until the 14th to find out.", dt.date(2024, 3, 20), "the 14th", "2024-04-14"),
    ("The offer closed on the 2nd.", dt.date(2024, 3, 20), "the 2nd", "2024-03-02"),
    ("The offer closed on the 2nd.", None, "the 2nd", "XXXX-XX-02"),
    # half a century as a unit; a year by two digits after a word that leads a year
    ("The town has changed over the past half-century.", MON, "the past half-century", "P50Y"),
    ("The treaty was signed in the summer of '45.", MON, "the summer of '45", "1945-SU"),
    ("She graduated with the class of '92.", MON, "92", "1992"),
    # "in as many weeks": the count the sentence gave
    ("It was the third bombing in as many days.", MON, "as many days", "P3D"),
    ("Police made 12 arrests in as many hours.", MON, "as many hours", "PT12H"),
    # "late on Tuesday", as wire services write "late Tuesday"
    ("Rebels seized the base late on Tuesday after a siege.", WED, "late on Tuesday", "2024-02-13"),
    ("The ministers met early on Monday.", WED, "early on Monday", "2024-02-12"),
    # every weekend; every two weeks
    ("The clinic is open on weekends.", MON, "weekends", "XXXX-WXX-WE"),
    ("Rubbish is collected fortnightly.", MON, "fortnightly", "P2W"),
    ("The newsletter is published biweekly.", MON, "biweekly", "P2W"),
    # what a span lasts "until" in a clause of no tense is ahead
    ("Ballots can arrive until Friday in some states.", WED, "Friday", "2024-02-16"),
    # rates of time: one set, counted in the last unit ("twice a week" is TimeML's own example)
    ("Patients take the drug twice a day.", MON, "twice a day", "P1D"),
    ("The ferry sails three times a week in winter.", MON, "three times a week", "P1W"),
    ("Guards watch the gate 24 hours a day.", MON, "24 hours a day", "P1D"),
    ("The pharmacy is open seven days a week.", MON, "seven days a week", "P1W"),
    ("The laser fires 500 times per second.", MON, "500 times per second", "PT1S"),
    ("Nurses said they worked up to 14 hours a day.", MON, "up to 14 hours a day", "P1D"),
    ("Adults need seven to nine hours a night.", MON, "seven to nine hours a night", "P1D"),
    ("The committee meets every few months.", MON, "every few months", "PXM"),
    ("The twice-weekly market fills the square.", MON, "twice-weekly", "P1W"),
    # a market report's week: "for the week" after a move, "the week's most active session"
    ("Stocks fell on Friday. For the week, the index lost 2 percent.", dt.date(2024, 2, 16), "the week", "2024-W07"),
    ("The index was up 3% for the week.", dt.date(2024, 2, 16), "the week", "2024-W07"),
    # "weeklong", "yearlong" written as one word, as "year-long" is
    ("A weeklong strike shut the port.", MON, "weeklong", "P1W"),
    # "late last night", "early this morning": the modifier in the extent, as "late Tuesday"
    ("Shots were heard late last night near the border.", MON, "late last night", "2024-02-11TNI"),
    ("Officials met early this morning.", MON, "early this morning", "2024-02-12TMO"),
    # "the last week of May" is part of May, not a stretch up to now
    ("Sales slumped in the last week of May.", dt.date(2024, 6, 20), "May", "2024-05"),
    # a season or a budget year written as a year and the next: one expression, from its first year
    ("It was their best start to a league campaign since the 2009-10 season.", MON, "2009-10", "2009"),
    ("The council set its budget for 2024/25 on Thursday.", MON, "2024/25", "2024"),
    ("The striker will leave at the end of the 2023-24 season.", MON, "the end of the 2023-24 season", "2024"),
    # a holiday's part of the day, as a weekday's ("Saturday night")
    ("Stores opened their doors on Thanksgiving night.", dt.date(2023, 11, 24), "Thanksgiving night", "2023-11-23TNI"),
    (
        "The boy unwrapped his presents on Christmas morning.",
        dt.date(2023, 12, 27),
        "Christmas morning",
        "2023-12-25TMO",
    ),
    ("The candidate conceded on Election Day evening.", dt.date(2020, 11, 6), "Election Day evening", "2020-11-03TEV"),
    # "the fiscal 2025 budget": "the" is the budget's
    ("Congress has not passed the fiscal 2025 budget.", MON, "fiscal 2025", "2025"),
    # a fiscal year named by its place: one year, never a stretch measured
    ("The retailer expects sales to grow in the coming fiscal year.", MON, "the coming fiscal year", "2025"),
    ("Revenue fell 4% in the last fiscal year.", MON, "the last fiscal year", "2023"),
    ("The group had sales of $2 billion in the latest fiscal year.", MON, "the latest fiscal year", "2023"),
    # a range of counts is one span, valued by its least (as "two or three years" is)
    ("Repairs will take two to three weeks, the council said.", MON, "two to three weeks", "P2W"),
    ("The hearing is expected to last six to eight days.", MON, "six to eight days", "P6D"),
    # "today" set against a time gone by is our times, not the day; "said today" stays the day
    ("Its share fell from 40% in 2015 to less than 5% today, analysts said.", MON, "today", "PRESENT_REF"),
    ("Money was easy in the 1990s but is harder to find today.", MON, "today", "PRESENT_REF"),
    ("The firm said today that its 2023 profit doubled.", MON, "today", "2024-02-12"),
    ("The mill, built in 1890, reopened today.", MON, "today", "2024-02-12"),
    ("Sixty years after the 1964 floods, the town gathers today to remember.", MON, "today", "2024-02-12"),
    # "overnight": the night just gone in a past clause, tonight ahead
    ("Police arrested two men overnight after the match.", MON, "overnight", "2024-02-11TNI"),
    ("Forecasters said the storm would move east overnight.", MON, "overnight", "2024-02-12TNI"),
    ("Markets tumbled overnight but recovered by midday.", MON, "midday", "2024-02-12T12:00"),
    # "midweek": this week
    ("The champions were held to a draw in midweek.", dt.date(2024, 2, 17), "midweek", "2024-W07"),
    # "another" counts one more of the unit
    ("The region may have to wait another decade for the line.", MON, "another decade", "P10Y"),
    ("He agreed to stay on for another two years.", MON, "another two years", "P2Y"),
    ("Half a century ago, the town had two mills.", MON, "Half a century ago", "1974"),
    ("A generation ago, few would have predicted it.", MON, "A generation ago", "PAST_REF"),
    ("In the years that followed, the town was rebuilt.", MON, "years", "PXY"),
    ("The review could take weeks or months.", MON, "weeks or months", "PXW"),
    # a duration in two parts: one value
    ("The winner finished in 2 hours 38 minutes.", MON, "2 hours 38 minutes", "PT2H38M"),
    ("He was jailed for three years and six months.", MON, "three years and six months", "P3Y6M"),
    ("The inquiry will report in the new year.", dt.date(2023, 12, 5), "the new year", "2024"),
    # "the end of", "the first half of" before a season or a century: one expression
    ("Lawmakers hope to pass the bill by the end of the summer.", MON, "the end of the summer", "2024-SU"),
    ("For the first half of the 20th century the port thrived.", MON, "the first half of the 20th century", "19"),
    ("Rates are unlikely to rise any time soon.", MON, "any time soon", "FUTURE_REF"),
    # a quarter named by the month it ends in, or by its months as a "period"
    ("Profit in the September quarter beat forecasts.", dt.date(2023, 11, 2), "the September quarter", "2023-Q3"),
    ("Sales in the April-June period rose 4%.", dt.date(2023, 8, 1), "the April-June period", "2023-Q2"),
    ("The 18th-century chapel was restored.", MON, "18th-century", "17"),
    # "spent the next decade": how long, a duration ("listed its shares the next year" stays a year)
    ("She moved to Vienna in 1950 and spent the next decade teaching.", MON, "the next decade", "P10Y"),
    ("The road will be closed for the next year.", MON, "the next year", "P1Y"),
    # a 24-hour clock with its zone in brackets after a local time, as wire copy gives it
    ("Polls opened at 7 a.m. (0600 GMT) and closed at 8 p.m.", MON, "0600 GMT", "2024-02-12T06:00"),
    # the story's day, week-end: "the same day", "that weekend"
    ("Floods hit the town on Tuesday. Two bridges collapsed the same day.", MON, "the same day", "2024-02-06"),
    ("The trial opened on March 3, 2023. Protesters gathered that weekend.", MON, "that weekend", "2023-W09-WE"),
    # a weekday a word of habit qualifies, or every other one: a set
    ("The comic has a regular Thursday-night slot on the radio.", MON, "Thursday-night", "XXXX-WXX-4TNI"),
    ("Worshippers attend the usual Friday prayers at the mosque.", MON, "Friday", "XXXX-WXX-5"),
    ("The parish council meets every other Tuesday.", MON, "every other Tuesday", "XXXX-WXX-2"),
    # a month before a month and year: that year ("December to February 2021" opens the year before)
    ("The survey ran between March and May 2019.", MON, "March", "2019-03"),
    ("The exhibition ran from December to February 2021.", MON, "December", "2020-12"),
    ("The index is up 12% year to date.", MON, "year to date", "2024"),
    ("The play moves between 1917 and the present day.", MON, "the present day", "PRESENT_REF"),
    # decades written without century or apostrophe, as obituaries write them
    ("Through the 50s and 60s she ran the family farm.", MON, "the 50s", "195"),
    ("Through the 50s and 60s she ran the family farm.", MON, "60s", "196"),
    ("In the mid-70s he moved to Leeds.", MON, "the mid-70s", "197"),
    # "the morning after", "the night before": a part of the day next to the story's day
    ("The storm struck on Tuesday. Schools stayed shut the morning after.", MON, "the morning after", "2024-02-07TMO"),
    ("He was arrested on Saturday. He had been drinking the night before.", MON, "the night before", "2024-02-09TNI"),
    ("The summit opened on Feb. 6, 2023. Talks collapsed the week after.", MON, "the week after", "2023-W07"),
    ("Margins narrowed in the April-to-June period.", dt.date(2023, 8, 1), "the April-to-June period", "2023-Q2"),
    ("The central bank could cut rates as early as March.", MON, "March", "2024-03"),
    # holidays on a fixed day, on the n-th weekday of a month, and a holiday's weekend
    ("The city held its parade on St. Patrick's Day.", dt.date(2023, 3, 20), "St. Patrick's Day", "2023-03-17"),
    ("Banks will be closed for Veterans Day.", dt.date(2023, 11, 6), "Veterans Day", "2023-11-11"),
    ("Revellers packed the streets for Hogmanay.", dt.date(2024, 1, 2), "Hogmanay", "2023-12-31"),
    ("Schools reopen after Presidents Day.", MON, "Presidents Day", "2024-02-19"),
    ("Beaches were packed over the Labor Day weekend.", dt.date(2023, 9, 6), "Labor Day weekend", "2023-W35-WE"),
    ("Roads will be busy over Easter weekend.", MON, "Easter weekend", "2024-W13-WE"),
    # "every second weekend", "every third year": a set (not "every second"); sets in one word
    ("The children stay with their father every second weekend.", MON, "every second weekend", "XXXX-WXX-WE"),
    ("The census is taken every third year.", MON, "every third year", "P3Y"),
    ("The regional games are held biennially.", MON, "biennially", "P2Y"),
    ("The country aims to reach net zero by mid-century.", MON, "mid-century", "20"),
    ("The feature will arrive later this spring.", MON, "later this spring", "2024-SP"),
    ("A concerto by Antonio Vivaldi (1678–1741) opened the evening.", MON, "1678", "1678"),
    ("A concerto by Antonio Vivaldi (1678–1741) opened the evening.", MON, "1741", "1741"),
    # a count with a range in figures, or a word of length before the unit
    ("Orders ship in 7-10 business days.", MON, "7-10 business days", "P7D"),
    ("The family waited three long years for answers.", MON, "three long years", "P3Y"),
    # a 24-hour clock written with a dot, as British papers stamp their pages
    ("First published on Mon 12 Feb 2024 06.30 GMT", MON, "06.30 GMT", "2024-02-12T06:30"),
    ("The inquiry heard evidence in the spring of last year.", MON, "the spring of last year", "2023-SP"),
    ("The plant will open in the autumn of next year.", MON, "the autumn of next year", "2025-FA"),
    # a weekday closing a range another opens: the first such day after the opening one
    ("The museum is open Tuesday through Saturday.", WED, "Saturday", "2024-02-24"),
    ("Talks will run from Wednesday until Saturday.", MON, "Saturday", "2024-02-17"),
    ("Storms are likely Wednesday night into Thursday.", MON, "Thursday", "2024-02-15"),
    ("Airports were crowded over Thanksgiving weekend.", dt.date(2023, 11, 28), "Thanksgiving weekend", "2023-W47-WE"),
]


def _find(nlp, sentence: str, anchor: dt.date | None, text: str) -> TimeExpression:
    times = find_times(nlp(sentence), anchor)
    for t in times:
        if t.text == text:
            return t
    raise AssertionError(f"{text!r} not found in {sentence!r}: {[(t.text, t.value) for t in times]}")


@pytest.mark.parametrize(
    ("sentence", "anchor", "text", "value"), CASES, ids=[f"{c[2]}-{i}" for i, c in enumerate(CASES)]
)
def test_expression_value(nlp, sentence, anchor, text, value):
    t = _find(nlp, sentence, anchor, text)
    assert t.value == value, t.how
    assert sentence[t.start : t.end] == t.text
    assert TIMEML_VALUE.fullmatch(t.value)
    if t.date is not None:
        assert is_valid_date(t.date), t.date
    assert t.how


def test_case_table_is_large():
    assert len(CASES) >= 150


# --- types, dates and derivations -----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "type_", "date", "precision"),
    [
        (
            "Trump told a rally on Saturday night that he would act.",
            "Saturday night",
            TimexType.TIME,
            "2024-02-10",
            Precision.TIME,
        ),
        ("The report was published in April 2023.", "April 2023", TimexType.DATE, "2023-04", Precision.MONTH),
        ("First agreed in 2006, the pledge is not binding.", "2006", TimexType.DATE, "2006", Precision.YEAR),
        ("The minister visited Kyiv last week.", "last week", TimexType.DATE, "2024-02-05/2024-02-11", Precision.WEEK),
        (
            "Biden said earlier this week that the plan was dumb.",
            "earlier this week",
            TimexType.DATE,
            "2024-02-12/2024-02-13",
            Precision.INTERVAL,
        ),
        ("Prices have risen over the past three years.", "the past three years", TimexType.DURATION, None, None),
        (
            "The phone went on sale less than two weeks ago.",
            "less than two weeks ago",
            TimexType.DATE,
            "2024-01-29/2024-02-12",
            Precision.INTERVAL,
        ),
        ("Inspectors visit each week.", "each week", TimexType.SET, None, None),
        ("NATO is now stronger than ever.", "now", TimexType.DATE, None, None),
        ("Sales in the quarter rose 3%.", "the quarter", TimexType.DATE, "2023-10/2023-12", Precision.QUARTER),
        ("The company posted losses in the 1990s.", "the 1990s", TimexType.DATE, "1990/1999", Precision.DECADE),
        (
            "The debt will be repaid by the end of 2024.",
            "the end of 2024",
            TimexType.DATE,
            "2024-09/2024-12",
            Precision.YEAR,
        ),
    ],
)
def test_type_and_date(nlp, sentence, text, type_, date, precision):
    t = _find(nlp, sentence, WED if "earlier this week" in sentence else MON, text)
    assert t.type == type_
    assert t.date == date
    assert t.precision == precision


def test_how_explains_tense_and_anchor(nlp):
    t = _find(nlp, "Trump told a rally on Saturday that he would act.", MON, "Saturday")
    assert "past tense" in t.how and "2024-02-12" in t.how and t.how.endswith("2024-02-10")
    assert t.relative and t.resolved and t.anchor == "2024-02-12"


def test_unresolved_says_so(nlp):
    t = _find(nlp, "Trump told a rally on Saturday that he would act.", None, "Saturday")
    assert t.relative and not t.resolved and t.date is None and t.anchor is None
    assert "unresolved" in t.how


def test_extents_leave_out_prepositions(nlp):
    texts = [
        t.text
        for t in find_times(nlp("As of 2022, the plan ran until March 2023, and since last year it has stalled."), MON)
    ]
    assert texts == ["2022", "March 2023", "last year"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The alliance of 31 countries spends 2% of its output on defence.",
        "More than 2000 people marched through the capital.",
        "The 2000 soldiers crossed the river at dawn.",
        "The March of Dimes raised money for research.",
        "The expedition reached Easter Island in a storm.",
        "Thousands joined the march on Washington.",
        "The May government fell after the vote.",
        "The army sent 1950 trucks north.",
        "The company paid $1,990 for each share.",
        "Copyright 2024 The AP. All rights reserved.",
        "The airline runs four flights a week to Lisbon.",
        "The clinic treats 300 patients per day.",
        "The band became an overnight success.",
        "Attitudes will not change overnight.",
        "Democracies have rarely failed overnight.",
        "He stayed with his aunt for the week.",
        "The rebels retreated to fight another day.",
        "For tickets, call 1-800-555-2013.",
        "The stock rose in nine of the past 10 sessions.",
        "The central bank raised the overnight rate.",
        "The stadium seats 2,013 people.",
        "May I ask a question?",
        "The current account deficit widened.",
        "Jan Lipavsky, the foreign minister, spoke.",
        "The FTSE 100 index closed at 7582.3 on the day.",
        'The senator, speaking on ABC\'s "This Week," defended the bill.',
        'The governor told CBS\'s "60 Minutes" he would not resign.',
        'She quoted a line from the western "High Noon."',
        "The monks have kept the recipe secret for two thousand years.",
        "Index funds hold more than a quarter of the market.",
        "Nearly three quarters of voters backed the measure.",
        "The economy has shrunk by a quarter since the crisis.",
        "Exports dropped a quarter as demand collapsed.",
        "Such rules make no sense in today's world.",
        "The scandal is for today's youth what Watergate was for their parents.",
        "The chip runs many of today's personal computers.",
        "She wants to train the leaders of tomorrow.",
        "The market opens in the morning.",
        "The ship docked at 0730 hours.",
        "That summer was the hottest on record.",
        "The striker scored twice in the second half.",
        "The Security Council passed Resolution 1973.",
        "The airline's Flight 2013 landed safely.",
        "The servers still run Windows 2000.",
        "The embassy is at 2020 Massachusetts Avenue.",
        "The summer camp opened its doors to children.",
        "The spring collection was shown in Paris.",
        "The state-run daily Granma printed the letter.",
        "According to the French daily Le Monde, talks failed.",
        "The first half was goalless, and the crowd grew restless.",
        "The preacher read from John 3:16 to the crowd.",
        "Shares split at 3:1 and the price fell.",
        "The home side won 21:19 after extra play.",
        "Install version 2.1.2024 of the app.",
        "Rents went up on 1/3 of the flats.",
        "Thousands died on 9/11.",
        "He lives on the 14th floor.",
        "It was the 3rd time the bridge had closed.",
        "He was injured in the fall.",
        "Investors were hurt by the fall in prices.",
        "She broke her hip in the fall at home.",
        "The decision came on the same day as the vote.",
        "Highs will reach the 70s in some places.",
        "Her approval has hovered in the 40s.",
        "The draw for the quarter-finals was held in Nyon.",
        "The quarterback threw two touchdowns.",
        "Analysts expect a quarter-point cut.",
        "She collects mid-century modern furniture.",
    ],
)
def test_not_time_expressions(nlp, sentence):
    assert find_times(nlp(sentence), MON) == ()


def test_a_clock_time_in_an_aside_is_not_a_year(nlp):
    times = find_times(nlp("Voting ends at 6 p.m. (1600 GMT) on Friday."), MON)
    assert [(t.text, t.value) for t in times] == [("6 p.m.", "2024-02-16T18:00"), ("Friday", "2024-02-16")]


# --- reanchor --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "new_anchor", "value"),
    [
        ("Trump told a rally on Saturday that he would act.", "Saturday", dt.date(2024, 3, 4), "2024-03-02"),
        ("The ministers will meet on Thursday.", "Thursday", dt.date(2024, 3, 4), "2024-03-07"),
        ("Sales fell last year.", "last year", dt.date(2020, 6, 1), "2019"),
        ("Officials confirmed the deaths yesterday.", "yesterday", dt.date(2024, 1, 1), "2023-12-31"),
        ("He is running for re-election in November.", "November", dt.date(2020, 2, 1), "2020-11"),
        ("Trump told a rally on Saturday night.", "Saturday night", dt.date(2024, 2, 12), "2024-02-10TNI"),
        ("Biden said earlier this week that the plan was dumb.", "earlier this week", dt.date(2024, 2, 16), "2024-W07"),
    ],
)
def test_reanchor(nlp, sentence, text, new_anchor, value):
    for first in (None, dt.date(2010, 7, 7)):
        t = _find(nlp, sentence, first, text)
        again = reanchor(t, new_anchor)
        assert again.value == value
        assert again.resolved and again.anchor == new_anchor.isoformat()
        assert (again.start, again.end, again.text) == (t.start, t.end, t.text)


def test_reanchor_matches_find_times(nlp):
    sentence = "The minister said on Wednesday that he would resign next month."
    direct = find_times(nlp(sentence), WED)
    later = tuple(reanchor(t, WED) for t in find_times(nlp(sentence), None))
    assert [(t.value, t.date) for t in direct] == [(t.value, t.date) for t in later]


def test_the_parse_read_once_tags_as_the_spacy_document_does(nlp):
    """The per-document stage hands the tagger the parse read into plain values; alone, the
    tagger reads it itself: the same expressions, tenses and all."""
    from timeline.doctext import ParsedDoc

    text = (
        "The company said on Monday it will cut 2,000 jobs by next year. Shares fell 5% on Tuesday, "
        "two days after the 2024 results, and the board, which had met last week, meets again in March."
    )
    doc = nlp(text)
    alone = find_times(doc, MON)
    assert find_times(ParsedDoc(nlp(text)), MON) == alone
    directions = {t.text: t.direction for t in alone}
    assert (directions["Tuesday"], directions["last week"], directions["next year"]) == ("past", "past", "future")


def test_reanchor_leaves_absolute_expressions(nlp):
    t = _find(nlp, "The report was published in April 2023.", MON, "April 2023")
    assert reanchor(t, dt.date(1999, 1, 1)) is t


# --- properties ------------------------------------------------------------------------------

TIMEML_VALUE = re.compile(
    r"(?:PRESENT_REF|PAST_REF|FUTURE_REF|PXX"  # PXX: TimeBank's duration of unstated length and unit ("a while")
    r"|P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|DE|CE|ML|WE|H))+(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?"
    r"|PT(?:(?:\d+(?:\.\d+)?|X)[HMS])+"
    r"|(?:\d{2}|XX)(?:\d|X)?"
    r"|(?:\d{4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-(?:[1-7]|WE))?|-Q(?:[1-4]|X)|-H[12]|-(?:SP|SU|FA|WI))?"
    r"(?:T(?:\d{2}:\d{2}(?::\d{2})?|MO|AF|EV|NI|DT))?)"
)

RULES = st.one_of(
    st.tuples(st.just("day"), st.tuples(st.integers(-400, 400).map(str)), st.sampled_from(["", "TNI", "T22:00"])),
    st.tuples(
        st.just("wd"),
        st.tuples(st.integers(1, 7).map(str), st.sampled_from(["", "last", "next", "this", "later", "earlier"])),
        st.sampled_from(["", "TMO"]),
    ),
    st.tuples(
        st.just("unit"),
        st.tuples(st.sampled_from(["Y", "M", "W", "WE", "D", "Q", "QC", "DE", "CE"]), st.integers(-30, 30).map(str)),
        st.just(""),
    ),
    st.tuples(
        st.just("ago"),
        st.tuples(st.sampled_from(["Y", "M", "W", "D", "Q", "YQ", "YM", "DE", "CE"]), st.integers(-50, 50).map(str)),
        st.just(""),
    ),
    st.tuples(
        st.just("mon"),
        st.tuples(st.integers(1, 12).map(str), st.sampled_from(["", "last", "next", "0", "-1", "1"])),
        st.just(""),
    ),
    st.tuples(st.just("md"), st.tuples(st.integers(1, 12).map(str), st.integers(1, 31).map(str)), st.just("")),
    st.tuples(
        st.just("season"),
        st.tuples(st.sampled_from(["SP", "SU", "FA", "WI"]), st.integers(-2, 2).map(str)),
        st.just(""),
    ),
    st.tuples(
        st.just("season"),
        st.tuples(st.sampled_from(["SP", "SU", "FA", "WI"]), st.just("0"), st.just("tense")),
        st.just(""),
    ),
    st.tuples(
        st.just("feast"),
        st.tuples(
            st.sampled_from(["easter", "good_friday", "easter_monday", "election_day", "labor_day", "memorial_day"]),
            st.sampled_from(["", "last", "next", "this"]),
            st.sampled_from(["", "week"]),
        ),
        st.just(""),
    ),
    st.tuples(
        st.just("qtr"),
        st.tuples(st.integers(1, 4).map(str), st.integers(-2, 2).map(str), st.sampled_from(["", "fiscal"])),
        st.just(""),
    ),
    st.tuples(st.just("half"), st.tuples(st.integers(1, 2).map(str), st.integers(-2, 2).map(str)), st.just("")),
    st.tuples(st.just("qof"), st.tuples(st.integers(1000, 2099).map(str)), st.just("")),
    st.tuples(st.just("mdw"), st.tuples(st.integers(1, 12).map(str), st.integers(1, 31).map(str)), st.just("")),
    st.tuples(
        st.just("part"),
        st.tuples(st.sampled_from(["Y", "M", "W", "Q"]), st.sampled_from(["before", "after"])),
        st.just(""),
    ),
)


@settings(max_examples=400, deadline=None)
@given(
    rule=RULES,
    anchor=st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))),
    direction=st.sampled_from(["", "past", "future", "present"]),
    mod=st.sampled_from(["", "START", "MID", "END"]),
)
def test_resolution_always_gives_a_valid_value(rule, anchor, direction, mod):
    r = resolve(rule, anchor, direction, mod, "expr")
    assert TIMEML_VALUE.fullmatch(r.value), r.value
    if anchor is None:
        assert r.date is None and "X" in r.value
    elif r.date is not None:
        assert is_valid_date(r.date), (r.value, r.date)


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            [
                *"0123456789 -/.,:'aAdeilmnoprstuwyQWTHPSF",
                " January ",
                " May ",
                " Monday ",
                " last ",
                " next ",
                " year",
                " week",
                " ago",
                " the ",
                " 1990s",
                " quarter",
                " p.m.",
                " spring",
                " every ",
                " two ",
                " days",
                " mid-",
                " early ",
                " of ",
                " 2024",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_normalisation_never_crashes(nlp, text):
    for t in find_times(nlp(text), MON):
        assert TIMEML_VALUE.fullmatch(t.value), (text, t.value)
        assert text[t.start : t.end] == t.text
        if t.date is not None:
            assert is_valid_date(t.date)


@pytest.mark.parametrize(
    "value",
    [
        "2024-02-10",
        "2024-W07",
        "2024-Q1",
        "2024-SU",
        "199",
        "19",
        "2024-02-10TEV",
        "2024",
        "2023-04",
        "2024-H2",
        "2024-W06-WE",
    ],
)
def test_value_dates_are_valid(value):
    date, precision = value_date(value)
    assert date is not None and is_valid_date(date) and precision is not None


# --- the command on the seed articles ------------------------------------------------------


@pytest.fixture(scope="module")
def seed_rows(seeds_dir):
    out = subprocess.run(
        [sys.executable, "-m", "timeline", "times", str(seeds_dir), "--format", "jsonl", "-q"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return [json.loads(line) for line in out.stdout.splitlines()]


@pytest.mark.slow
def test_seed_rows_have_the_documented_fields(seed_rows):
    assert seed_rows
    for r in seed_rows:
        assert {
            "doc",
            "path",
            "start",
            "end",
            "text",
            "type",
            "value",
            "how",
            "date",
            "precision",
            "anchor",
            "resolved",
            "mod",
        } <= r.keys()


@pytest.mark.slow
def test_seed_copyright_line_gives_no_expression(seed_rows, seeds_dir):
    doc = next(p for p in seeds_dir.iterdir() if p.name.startswith("004"))
    text = doc.read_text(encoding="utf-8")
    credits = [m.span() for m in re.finditer(r"Copyright[^\n]*", text)]
    assert credits
    rows = [r for r in seed_rows if r["doc"] == doc.stem]
    assert rows
    for r in rows:
        assert not any(a <= r["start"] < b for a, b in credits), r


@pytest.mark.slow
def test_seed_saturday_night_resolves_before_publication(seed_rows):
    rows = [r for r in seed_rows if r["doc"].startswith("000") and r["text"] == "Saturday night"]
    assert rows and rows[0]["anchor"] == "2024-02-12"
    assert rows[0]["date"] == "2024-02-10" and rows[0]["type"] == "TIME"


@pytest.mark.slow
def test_table_format_groups_by_document(seeds_dir):
    out = subprocess.run(
        [sys.executable, "-m", "timeline", "times", str(seeds_dir), "-q"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout
    assert "published 2024-02-12" in out
    assert "\x1b" not in out
