Feature: Reading an SPC chart
  What this chart tells you: whether a measure is stable, whether it has changed, and whether
  it will meet its target.

  An SPC chart (an XmR, or individuals, chart) plots each value around the mean, with two
  process limits: the mean plus and minus 2.66 times the average moving range, the average
  difference between one value and the next. A stable process stays between its limits; the
  ups and downs within them are common-cause variation, and chasing them wastes effort.
  Learnloop draws an SPC chart once a measure has 15 values that count, and a run chart until
  then.

  The chart reads four rules, those of NHS England's Making Data Count; each finds
  special-cause variation, evidence that something changed the process. A point beyond a
  limit. A shift: 7 or more points in a row on one side of the mean. A trend: 7 or more
  points in a row, each higher (or each lower) than the one before. Two of three: two or three
  points out of three in a row beyond two thirds of the way from the mean to the same limit.
  The installation can count shifts and trends of 6 or 8 points instead of 7. Which way is
  better decides whether a signal is an improvement or a concern.

  Against a target, the limits say what the process will do as it stands: if the target is
  beyond the worse limit, it will be met every time; beyond the better limit, never; between
  the limits, sometimes (hit and miss).

  A team can freeze the mean and limits on a baseline, so that later values are judged
  against how things were, and start a new phase with its own mean and limits once a change
  is adopted. A value the team leaves out of the calculations stays on the chart, marked.

  In these examples an emergency department times how long patients with sepsis wait from
  arrival to their first dose of antibiotics: the average in minutes, each month. Less is
  better, and the target is an hour.

  Background:
    Given Ann Facilitator's group tracks the measure "Minutes to antibiotics in sepsis", counted by month, where down is better, with the target 60
    And Ann Facilitator has pasted the 20 months before the change:
      | Month    | Minutes |
      | Jan 2023 | 47      |
      | Feb 2023 | 54      |
      | Mar 2023 | 55      |
      | Apr 2023 | 48      |
      | May 2023 | 54      |
      | Jun 2023 | 47      |
      | Jul 2023 | 51      |
      | Aug 2023 | 48      |
      | Sep 2023 | 45      |
      | Oct 2023 | 52      |
      | Nov 2023 | 45      |
      | Dec 2023 | 46      |
      | Jan 2024 | 51      |
      | Feb 2024 | 46      |
      | Mar 2024 | 54      |
      | Apr 2024 | 57      |
      | May 2024 | 49      |
      | Jun 2024 | 52      |
      | Jul 2024 | 47      |
      | Aug 2024 | 52      |

  Scenario: A stable process: common-cause variation only, and a target it will sometimes miss
    The 20 months add up to 1,000 minutes: the mean is 50. The 19 moving ranges (7, 1, 7, 6,
    7, 4, 3, 3, 7, 7, 1, 5, 5, 8, 3, 8, 3, 5, 5) add up to 95, so the average moving range is
    5 and the limits are 50 ± 2.66 × 5 = 36.7 and 63.3. Every month is between them, and
    between 41.13 and 58.87, two thirds of the way to each limit. No more than 2 months in a
    row are on one side of the mean, and no more than 3 rise or fall in a row. The target of
    60 minutes lies between the limits: some months will meet it, some will not.
    When the SPC chart is read
    Then it is an SPC chart with the mean 50 and process limits 36.7 and 63.3
    And the chart shows no signals
    And the latest month shows common-cause variation
    And against its target the chart says hit and miss

  Scenario Outline: Whether the target will be met depends on where it lies against the limits
    The limits are 36.7 and 63.3 minutes, and less is better. A target of 65 minutes is above
    the upper limit, so every month will meet it; a target of 30 is below the lower limit, so
    no month will, until the process changes.
    When Ann Facilitator sets the target to <target> minutes, because "<why>"
    And the SPC chart is read
    Then against its target the chart says <assurance>

    Examples:
      | target | why                                 | assurance    |
      | 65     | The national standard               | met          |
      | 30     | The best departments in the country | not met      |
      | 60     | Back to the hour                    | hit and miss |

  Scenario: One month above the upper limit is a signal; one just inside it is not
    The baseline is frozen, so its mean and limits stay 50, 36.7 and 63.3. September 2024's
    66 minutes is above the upper limit of 63.3: special-cause variation, and since less is
    better, a concern. 63 minutes would have been inside the limit: no signal.
    Given Ann Facilitator has frozen the baseline on the first 20 months, because "Before the sepsis trolley"
    When Ann Facilitator records 63 minutes for September 2024
    And the SPC chart is read
    Then the chart shows no signals
    When Ann Facilitator corrects September 2024 to 66 minutes, because "Two patients' times were missed in the first count"
    And the SPC chart is read
    Then the chart shows these signals:
      | Signal         | Points         | Evidence of |
      | beyond a limit | September 2024 | concern     |
    And the chart says "66 in September 2024 is above the upper process limit (63.3): a point beyond a limit — evidence of concern."
    And the latest month shows special-cause variation: concern

  Scenario: Seven months below the mean are a shift; six are not, unless the installation counts six
    After the sepsis trolley came in, each month is below the frozen mean of 50, though none
    is below the lower limit or two thirds of the way to it (41.13). Six months in a row are
    not yet a shift at the usual length of 7; an installation that counts shifts of 6 sees
    one. The seventh month makes a shift of 7: an improvement, since less is better.
    Given Ann Facilitator has frozen the baseline on the first 20 months, because "Before the sepsis trolley"
    And Ann Facilitator has pasted these months:
      | Month    | Minutes |
      | Sep 2024 | 46      |
      | Oct 2024 | 44      |
      | Nov 2024 | 45      |
      | Dec 2024 | 43      |
      | Jan 2025 | 47      |
      | Feb 2025 | 44      |
    When the SPC chart is read
    Then the chart shows no signals
    When the SPC chart is read counting shifts of 6 points
    Then the chart shows these signals:
      | Signal | Points                          | Evidence of |
      | shift  | September 2024 to February 2025 | improvement |
    When Ann Facilitator records 45 minutes for March 2025
    And the SPC chart is read
    Then the chart shows these signals:
      | Signal | Points                       | Evidence of |
      | shift  | September 2024 to March 2025 | improvement |
    And the chart says "7 points in a row below the mean from September 2024 to March 2025: a shift — evidence of improvement."
    And the latest month shows special-cause variation: improvement

  Scenario: Seven months each lower than the last are a trend; six are not
    From 52 minutes in August 2024 the time rises to 57 in September, then falls every month:
    57, 55, 53, 51, 49, 47. Six months falling are not a trend; the seventh, 45 in March 2025,
    makes 7: a trend, and an improvement. None of it is a shift: August's 52 and the 57, 55,
    53 and 51 after it are 5 months in a row above the mean, and 49, 47 and 45 are 3 below it.
    57 is not beyond two thirds of the way to the upper limit (58.87).
    Given Ann Facilitator has frozen the baseline on the first 20 months, because "Before the sepsis trolley"
    And Ann Facilitator has pasted these months:
      | Month    | Minutes |
      | Sep 2024 | 57      |
      | Oct 2024 | 55      |
      | Nov 2024 | 53      |
      | Dec 2024 | 51      |
      | Jan 2025 | 49      |
      | Feb 2025 | 47      |
    When the SPC chart is read
    Then the chart shows no signals
    When Ann Facilitator records 45 minutes for March 2025
    And the SPC chart is read
    Then the chart shows these signals:
      | Signal | Points                       | Evidence of |
      | trend  | September 2024 to March 2025 | improvement |
    And the chart says "7 points in a row, each lower than the one before, from September 2024 to March 2025: a trend — evidence of improvement."

  Scenario: Two of three months near the upper limit are a signal; one of three is not
    Two thirds of the way from the mean of 50 to the upper limit of 63.3 is 50 + 2/3 × 13.3 =
    58.87. September's 60 is beyond it, October's 52 is not, and November's 55 is not: one of
    three, no signal. Corrected to 61, November makes two of three beyond 58.87: a concern,
    though neither is beyond the limit itself.
    Given Ann Facilitator has frozen the baseline on the first 20 months, because "Before the sepsis trolley"
    And Ann Facilitator has pasted these months:
      | Month    | Minutes |
      | Sep 2024 | 60      |
      | Oct 2024 | 52      |
      | Nov 2024 | 55      |
    When the SPC chart is read
    Then the chart shows no signals
    When Ann Facilitator corrects November 2024 to 61 minutes, because "The night shift's patients were left out"
    And the SPC chart is read
    Then the chart shows these signals:
      | Signal       | Points                           | Evidence of |
      | two of three | September 2024 and November 2024 | concern     |
    And the chart says "2 points from September 2024 to November 2024 are beyond two thirds of the way from the mean to the upper limit, two or more of three in a row each time: two of three near a limit — evidence of concern."

  Scenario: A new phase after the change is adopted has its own mean and limits
    The sepsis trolley is adopted in September 2024, and twelve months follow, all below 50.
    Judged against the frozen baseline they are a shift of 12 points below its mean, and the
    target of 60 still lies between its limits of 36.7 and 63.3: hit and miss. The team then
    recalculates the limits from September 2024: a second phase. Its 12 months add up to 540
    minutes, a mean of 45; its 11 moving ranges (2, 6, 4, 3, 4, 1, 2, 4, 1, 1, 5) add up to
    33, an average of 3, so its limits are 45 ± 2.66 × 3 = 37.02 and 52.98. Within the new
    phase nothing signals: no more than 3 months in a row on one side of 45, none beyond two
    thirds of the way to a limit (39.68 and 50.32). The upper limit of 52.98 is below the
    target of 60: the process as it now is will meet the target every month.
    Given Ann Facilitator has frozen the baseline on the first 20 months, because "Before the sepsis trolley"
    And Ann Facilitator has pasted these months:
      | Month    | Minutes |
      | Sep 2024 | 46      |
      | Oct 2024 | 48      |
      | Nov 2024 | 42      |
      | Dec 2024 | 46      |
      | Jan 2025 | 43      |
      | Feb 2025 | 47      |
      | Mar 2025 | 48      |
      | Apr 2025 | 46      |
      | May 2025 | 42      |
      | Jun 2025 | 43      |
      | Jul 2025 | 42      |
      | Aug 2025 | 47      |
    When the SPC chart is read
    Then the chart shows these signals:
      | Signal | Points                        | Evidence of |
      | shift  | September 2024 to August 2025 | improvement |
    And against its target the chart says hit and miss
    When Ann Facilitator recalculates the limits from September 2024, because "The sepsis trolley is adopted"
    And the SPC chart is read
    Then the chart has 2 phases
    And phase 1 has the mean 50 and process limits 36.7 and 63.3, frozen on the points to August 2024
    And phase 2 has the mean 45 and process limits 37.02 and 52.98
    And the chart shows no signals
    And the latest month shows common-cause variation
    And against its target the chart says met

  Scenario: A month left out of the calculations stays on the chart, and no longer distorts it
    In September 2024 the department's records system failed, and the 95 minutes recorded
    came from incomplete paper notes. Counted, it drags the mean up to 1,095 ÷ 21 = 52.14,
    and the average moving range to (95 + 43) ÷ 20 = 6.9, so the upper limit is 52.14 +
    2.66 × 6.9 = 70.5: 95 is beyond it. Worse, nine ordinary months from June 2023 to
    February 2024 now sit below the inflated mean, a false shift. Left out, the mean and
    limits are the baseline's own again (50, 36.7 and 63.3), and nothing signals; the month
    is still on the chart, marked as left out, with the reason.
    When Ann Facilitator records 95 minutes for September 2024
    And the SPC chart is read
    Then it is an SPC chart with the mean 52.14 and process limits 33.79 and 70.5
    And the chart shows these signals:
      | Signal         | Points                     | Evidence of |
      | shift          | June 2023 to February 2024 | improvement |
      | beyond a limit | September 2024             | concern     |
    When Ann Facilitator leaves September 2024 out of the calculations, because "Records system down: times from incomplete paper notes"
    And the SPC chart is read
    Then it is an SPC chart with the mean 50 and process limits 36.7 and 63.3
    And the chart shows no signals
    And September 2024 is on the chart, marked as left out because "Records system down: times from incomplete paper notes"
