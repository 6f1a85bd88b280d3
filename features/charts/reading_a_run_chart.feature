Feature: Reading a run chart
  What this chart tells you: whether a measure has really changed, or is only going up and
  down as every measure does.

  A run chart plots each value in time order around its median, the middle value, so half
  the points lie above it and half below. When nothing has changed, the line wanders across
  the median at random. A few patterns are very unlikely to happen by chance, and each is a
  signal: evidence that something changed the process.

  Learnloop reads every run chart with Anhøj's two rules unless the installation chooses the
  IHI's four. Anhøj's rules count the points not on the median (call that number n). A run is
  a stretch of points on one side of the median; a run longer than round(log2 n) + 3 points
  is a shift. The line crosses the median each time one run ends and the next begins, and
  too few crossings are a signal too: fewer than the 5% lower quantile of the number of heads
  in n − 1 tosses of a fair coin, a count random series fall short of less than one time in
  twenty.

  The IHI rules (Perla, Provost and Murray, 2011) are: a shift is 6 or more points in a row on
  one side of the median; a trend is 5 or more points in a row each higher (or each lower) than
  the one before, a repeated value neither adding to a trend nor breaking it; too few or too
  many runs for the number of points not on the median, from the table of what random series
  give; and an astronomical point, one the team judges obviously, unmistakably different from
  the rest. Points on the median are skipped: they neither add to a run nor break it.

  The main example is a published series: hospital-acquired Clostridium difficile infections
  a month at Amager Hvidovre Hospital in Copenhagen, from the qicharts2 package's vignette
  (Anhøj), November 2012 to October 2015, with an intervention from November 2014. Fewer
  infections are better.

  Background:
    Given Ann Facilitator's group tracks the measure "Hospital-acquired C. difficile infections", counted by month, where down is better
    And Ann Facilitator has pasted the 24 months before the intervention:
      | Month    | Infections |
      | Nov 2012 | 17         |
      | Dec 2012 | 12         |
      | Jan 2013 | 27         |
      | Feb 2013 | 20         |
      | Mar 2013 | 20         |
      | Apr 2013 | 18         |
      | May 2013 | 22         |
      | Jun 2013 | 19         |
      | Jul 2013 | 19         |
      | Aug 2013 | 24         |
      | Sep 2013 | 17         |
      | Oct 2013 | 16         |
      | Nov 2013 | 24         |
      | Dec 2013 | 19         |
      | Jan 2014 | 19         |
      | Feb 2014 | 22         |
      | Mar 2014 | 25         |
      | Apr 2014 | 19         |
      | May 2014 | 17         |
      | Jun 2014 | 6          |
      | Jul 2014 | 25         |
      | Aug 2014 | 17         |
      | Sep 2014 | 11         |
      | Oct 2014 | 14         |

  Scenario: Two years before the intervention show only random variation
    Sorted, the 24 values have 19 as their 12th and 13th: the median is 19. Five months are
    exactly 19, so n = 24 − 5 = 19 points count. Above (+) and below (−) the median they go
    − − + + + − + · · + − − + · · + + · − − + − − −, which is 9 runs: the longest has 3
    points, and round(log2 19) + 3 = round(4.25) + 3 = 7 allows up to 7. Nine runs cross the
    median 8 times; with 19 points, fewer than 6 crossings would signal (the 5% quantile of a
    binomial count of 18 tosses is 6). Neither rule signals.
    When the run chart is read with Anhøj's rules
    Then the median is 19
    And the chart shows no signals

  Scenario: After the intervention, a long run below the baseline's median is a shift
    The team freezes the median on the 24 months before the intervention, as the vignette
    does, so the months after are judged against it. Of the 36 months, 5 lie on the median
    19, so n = 31. The longest run may be at most round(log2 31) + 3 = round(4.95) + 3 = 8
    points; from August 2014 to October 2015 there are 15 points in a row below 19: a shift.
    It begins three months before the intervention, and the rule names the whole run. The 9
    runs cross the median 8 times; with 31 points, fewer than 11 crossings signal (the 5%
    quantile of a binomial count of 30 tosses is 11): too few crossings. Fewer infections are
    better, so both are evidence of improvement.
    Given Ann Facilitator has pasted the 12 months after the intervention:
      | Month    | Infections |
      | Nov 2014 | 9          |
      | Dec 2014 | 11         |
      | Jan 2015 | 7          |
      | Feb 2015 | 13         |
      | Mar 2015 | 5          |
      | Apr 2015 | 5          |
      | May 2015 | 3          |
      | Jun 2015 | 5          |
      | Jul 2015 | 9          |
      | Aug 2015 | 4          |
      | Sep 2015 | 5          |
      | Oct 2015 | 9          |
    And Ann Facilitator has frozen the baseline on the first 24 months, because "Before the intervention"
    When the run chart is read with Anhøj's rules
    Then the median is 19, frozen on the points to October 2014
    And the chart shows these signals:
      | Signal            | Points                        | Evidence of |
      | shift             | August 2014 to October 2015   | improvement |
      | too few crossings | November 2012 to October 2015 | change      |
    And the chart says "15 points in a row below the median from August 2014 to October 2015: a shift — evidence of improvement."
    And the chart says "The line crosses the median 8 times from November 2012 to October 2015, fewer than the 11 expected at least for 31 points not on it: too few crossings — evidence of change."

  Scenario: The IHI rules find the same shift, and too few runs
    With the IHI rules the 15 points below 19 are a shift, since 6 or more are. The 31 points
    not on the median make 9 runs; the table of Perla, Provost and Murray expects at least 11
    runs for 31 points, so 9 are too few. There is no trend: with repeated values skipped, the
    longest stretch of values each lower than the one before is March to June 2014 (25, 19,
    17, 6), 4 points, one short of a trend. No point is marked astronomical.
    Given Ann Facilitator has pasted the 12 months after the intervention:
      | Month    | Infections |
      | Nov 2014 | 9          |
      | Dec 2014 | 11         |
      | Jan 2015 | 7          |
      | Feb 2015 | 13         |
      | Mar 2015 | 5          |
      | Apr 2015 | 5          |
      | May 2015 | 3          |
      | Jun 2015 | 5          |
      | Jul 2015 | 9          |
      | Aug 2015 | 4          |
      | Sep 2015 | 5          |
      | Oct 2015 | 9          |
    And Ann Facilitator has frozen the baseline on the first 24 months, because "Before the intervention"
    When the run chart is read with the IHI rules
    Then the chart shows these signals:
      | Signal       | Points                        | Evidence of |
      | shift        | August 2014 to October 2015   | improvement |
      | too few runs | November 2012 to October 2015 | change      |
    And the chart says "9 runs about the median from November 2012 to October 2015, fewer than the 11 expected at least for 31 points not on it: too few runs — evidence of change."

  Scenario: A point is astronomical only when the team says so
    Under the IHI rules the 24 months before the intervention show nothing: the longest run
    has 3 points (a shift needs 6), the longest stretch falling is 4 points (a trend needs 5),
    and 9 runs lie within the 6 to 15 the table allows for 19 points. June 2014's 6 infections
    are far below any other month, but the rules do not decide that a point is astronomical:
    the team does, and then it is a signal.
    When the run chart is read with the IHI rules
    Then the chart shows no signals
    When Ann Facilitator marks June 2014 as astronomical, because "Less than a third of any other month: the ward was closed for two weeks"
    And the run chart is read with the IHI rules
    Then the chart shows these signals:
      | Signal       | Points    | Evidence of |
      | astronomical | June 2014 | improvement |
    And the chart says "6 in June 2014, marked by the team as astronomical: an astronomical point — evidence of improvement."

  Scenario: Six weeks each better than the last are a trend
    A ward counts the share of its patients discharged before noon each week; more is better.
    The median of the 12 weeks is 21.5, halfway between 21 and 22. Weeks 3 to 7 and weeks 8
    to 12 are runs of 5: a shift needs 6, so neither is one. From week 5 to week 10 each week
    is higher than the one before (17, 19, 21, 24, 27, 30): 6 points, and 5 make a trend. The
    4 runs lie within the 3 to 11 the table allows for 12 points.
    Given Ann Facilitator's group tracks the measure "Discharges before noon", counted by week, where up is better
    And Ann Facilitator has pasted these weeks:
      | Week       | Percent |
      | 2025-03-03 | 18      |
      | 2025-03-10 | 22      |
      | 2025-03-17 | 15      |
      | 2025-03-24 | 20      |
      | 2025-03-31 | 17      |
      | 2025-04-07 | 19      |
      | 2025-04-14 | 21      |
      | 2025-04-21 | 24      |
      | 2025-04-28 | 27      |
      | 2025-05-05 | 30      |
      | 2025-05-12 | 26      |
      | 2025-05-19 | 28      |
    When the run chart is read with the IHI rules
    Then the median is 21.5
    And the chart shows these signals:
      | Signal | Points                                              | Evidence of |
      | trend  | the week of 31 March 2025 to the week of 5 May 2025 | improvement |
    And the chart says "6 points in a row, each higher than the one before, from the week of 31 March 2025 to the week of 5 May 2025: a trend — evidence of improvement."

  Scenario: A see-saw crosses the median too often: too many runs
    Two teams take turns week about, and their counts of missed medicine doses alternate high
    and low. The median of the 12 weeks is 11, halfway between 9 and 13; every week is on the
    other side of it from the week before, so there are 12 runs of one point each. The table
    allows at most 11 runs for 12 points: too many runs, a sign that two processes are mixed
    in one chart.
    Given Ann Facilitator's group tracks the measure "Missed medicine doses", counted by week, where down is better
    And Ann Facilitator has pasted these weeks:
      | Week       | Doses |
      | 2025-03-03 | 8     |
      | 2025-03-10 | 14    |
      | 2025-03-17 | 9     |
      | 2025-03-24 | 15    |
      | 2025-03-31 | 7     |
      | 2025-04-07 | 13    |
      | 2025-04-14 | 8     |
      | 2025-04-21 | 16    |
      | 2025-04-28 | 9     |
      | 2025-05-05 | 14    |
      | 2025-05-12 | 8     |
      | 2025-05-19 | 15    |
    When the run chart is read with the IHI rules
    Then the median is 11
    And the chart shows these signals:
      | Signal        | Points                                              | Evidence of |
      | too many runs | the week of 3 March 2025 to the week of 19 May 2025 | change      |
