Feature: Measures: the numbers a group is trying to move, over time
  A pilot group tests changes to move a number: the share of patients discharged before noon,
  falls at night, minutes to antibiotics. It defines each measure once, saying exactly what is
  counted, and records a value for each day, week or month: one at a time, or many at once
  pasted from a spreadsheet or uploaded as a CSV file. Nothing is ever overwritten: a value
  corrected, withdrawn or left out of the calculations keeps its history, so a sponsor can see
  what the chart showed before and why it changed.

  The chart of a measure marks by itself what the group did: each cycle opened and decided,
  and each revision of a plan, so the line and the learning that moved it are read together.
  How to read the charts is in the guides "Reading a run chart" and "Reading an SPC chart".

  In these examples Ward 7 is testing criteria-led discharge to get patients home before noon.

  Background:
    Given Ann Facilitator has formed the group "Ward 7 discharge pilot" with the aim "80% of our patients discharged before noon by March"

  Scenario: A measure is defined with its operational definition
    When Ann Facilitator defines the measure:
      | Name       | Discharges before noon                                                        |
      | Definition | Patients discharged from Ward 7 before 12:00, over all discharges from Ward 7 |
      | Unit       | %                                                                             |
      | Kind       | outcome                                                                       |
      | Better     | up                                                                            |
      | Counted by | week                                                                          |
      | Percentage | yes                                                                           |
      | Target     | 80                                                                            |
      | Target by  | 2027-03-31                                                                    |
    Then the group's measures are "Discharges before noon"
    And the measure reads:
      | Name       | Discharges before noon                                                        |
      | Definition | Patients discharged from Ward 7 before 12:00, over all discharges from Ward 7 |
      | Unit       | %                                                                             |
      | Kind       | outcome                                                                       |
      | Better     | up                                                                            |
      | Counted by | week                                                                          |
      | Target     | 80                                                                            |
      | Target by  | 2027-03-31                                                                    |

  Scenario: A week's value is recorded as its numerator over its denominator
    Given the group tracks "Discharges before noon" as a weekly percentage, where up is better
    When Bea Okafor records 6 of 20 discharges for the week of Thursday 5 March 2026
    Then the measure has these points:
      | Week       | Value | Numerator | Denominator |
      | 2026-03-02 | 30    | 6         | 20          |

  Scenario: A series pasted from a spreadsheet is recorded at once
    Given the group tracks "Patients home before noon" as a monthly count, where up is better
    When Bea Okafor pastes these rows:
      | Month    | Patients |
      | Nov 2025 | 12       |
      | Dec 2025 | 14       |
      | Jan 2026 | 9        |
    Then the measure has these points:
      | Month      | Value |
      | 2025-11-01 | 12    |
      | 2025-12-01 | 14    |
      | 2026-01-01 | 9     |

  Scenario: A CSV file with any bad row is refused whole, each bad row named
    Line 1 is a heading and lines 2 and 4 are good, but nothing is recorded until every row is.
    Given the group tracks "Patients home before noon" as a monthly count, where up is better
    When Bea Okafor uploads this CSV file:
      """
      Month,Patients
      2025-11-01,12
      soon,14
      2025-12-01,11
      2026-01-01,twelve
      2099-01-01,10
      2026-02-01
      """
    Then the file is refused, with these problems:
      | Line | Column | Why                              |
      | 3    | date   | “soon” is not a date             |
      | 5    | value  | “twelve” is not a number         |
      | 6    | date   | 2099-01-01 is in the future      |
      | 7    | row    | expected 2 columns (date, value) |
    And the measure has no points

  Scenario: The same rows sent twice are recorded once
    Given the group tracks "Patients home before noon" as a monthly count, where up is better
    And Bea Okafor has pasted these rows:
      | Month    | Patients |
      | Nov 2025 | 12       |
      | Dec 2025 | 14       |
    When Bea Okafor pastes these rows:
      | Month    | Patients |
      | Nov 2025 | 12       |
      | Dec 2025 | 14       |
    Then nothing new is recorded
    And the measure has these points:
      | Month      | Value |
      | 2025-11-01 | 12    |
      | 2025-12-01 | 14    |

  Scenario: A corrected point keeps both versions
    Given the group tracks "Patients home before noon" as a monthly count, where up is better
    And Bea Okafor has pasted these rows:
      | Month    | Patients |
      | Nov 2025 | 12       |
      | Dec 2025 | 41       |
    When Ann Facilitator corrects December 2025 to 14, because "Typed the wrong way round"
    Then the measure has these points:
      | Month      | Value |
      | 2025-11-01 | 12    |
      | 2025-12-01 | 14    |
    And December 2025's history reads:
      | Version   | Value | By              | Why                       |
      | original  | 41    | Bea Okafor      |                           |
      | corrected | 14    | Ann Facilitator | Typed the wrong way round |

  Scenario: A point left out stays on the chart but out of the calculations
    The median of 12, 13, 30 and 9 would be 12.5; without January's 30, counted while the
    ward was merged with another, the median of the other three (12, 13 and 9) is 12.
    Given the group tracks "Patients home before noon" as a monthly count, where up is better
    And Bea Okafor has pasted these rows:
      | Month    | Patients |
      | Nov 2025 | 12       |
      | Dec 2025 | 13       |
      | Jan 2026 | 30       |
      | Feb 2026 | 9        |
    When Ann Facilitator leaves January 2026 out of the calculations, because "Ward merged with Ward 8 that month"
    Then January 2026 is on the chart, marked as left out because "Ward merged with Ward 8 that month"
    And the chart is a run chart with the median 12

  Scenario: A measure with fewer than 15 points is drawn as a run chart, and says why
    Given the group tracks "Patients home before noon" as a monthly count, where up is better
    And Bea Okafor has pasted these rows:
      | Month    | Patients |
      | Nov 2025 | 12       |
      | Dec 2025 | 14       |
      | Jan 2026 | 9        |
    Then the chart is a run chart, and says "Fewer than 15 points: a run chart (an SPC chart needs at least 15)."

  Scenario: A baseline is frozen, and the limits recalculated from a date start a new phase
    Given the group tracks "Patients home before noon" as a monthly count, where up is better
    And Bea Okafor has pasted these rows:
      | Month    | Patients |
      | Sep 2025 | 10       |
      | Oct 2025 | 12       |
      | Nov 2025 | 11       |
      | Dec 2025 | 16       |
      | Jan 2026 | 18       |
      | Feb 2026 | 17       |
    When Ann Facilitator freezes the baseline on the first 3 months, because "Before criteria-led discharge"
    And Ann Facilitator recalculates the limits from December 2025, because "Criteria-led discharge adopted"
    Then the measure's lines read:
      | Line         | From or to | Why                            |
      | baseline     | 2025-11-01 | Before criteria-led discharge  |
      | recalculated | 2025-12-01 | Criteria-led discharge adopted |
    And the chart has 2 phases
    And phase 1 has the median 11, frozen on the points to November 2025
    And phase 2 has the median 17

  Scenario: A chart shows the cycles and plan revisions of its group
    Each mark is placed on the chart's time axis at the day it was made, and links to the
    cycle, or to the version in the plan's history.
    Given the group tracks "Patients home before noon" as a monthly count, where up is better
    And Bea Okafor has recorded 9 for last month and 12 for this month
    And Ann Facilitator has opened cycle 1, "Criteria-led discharge on Bay B"
    And Ann Facilitator has revised cycle 1's plan in the light of Bea Okafor's observation
    And Ann Facilitator has adapted cycle 1 into cycle 2, "Criteria-led discharge on every bay"
    Then the chart marks, in order:
      | Mark                              | Links to                            |
      | Cycle 1 opened                    | cycle 1                             |
      | Cycle 1: plan revised (version 2) | version 2 of cycle 1's plan history |
      | Cycle 1 adapted                   | cycle 1                             |
      | Cycle 2 opened                    | cycle 2                             |
