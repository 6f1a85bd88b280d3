Feature: A ramp backfilled with its real dates
  Teams often come to Learnloop with cycles already run: a first test done on the
  ward last autumn, written up on paper. They enter it as it happened. Each cycle,
  each thing done, seen and learned, and each decision can say when it happened —
  a date, and the time if they know it. Left blank, it happened when it is
  recorded. It can never be in the future. The record keeps both: when it
  happened and when it was recorded, and shows both where they differ. The
  timeline tells the group's story in the order things happened.

  A page can be seen in the past in two ways. "As it was recorded by then" is
  what Learnloop knew at that moment. "As it had happened by then" is the story
  by the dates things happened, including what was entered later: a ramp run
  last autumn and entered today shows in November. The group itself, its people
  and its measures' definitions are the frame of every such view.

  The example is a ward team entering a discharge test it ran in November 2025;
  the people and what they saw are invented.

  Background:
    Given Ann Facilitator has formed the pilot group "Ward 7 discharge group" with the aim "Most patients on Ward 7 go home before noon"
    And Bea Okafor, a ward nurse, is a member of the group

  Scenario: A ramp backfilled with its real dates
    Given Ann Facilitator has opened a cycle on 2025-11-03 with this plan:
      | Objective  | Criteria-led discharge in Bay B for one week |
      | Question   | Will nurses discharge by 11?                 |
      | Prediction | Yes, for half of the patients                |
    When Bea Okafor records the observation "Two of five patients home by 11." as seen on 2025-11-04 at 09:30
    And Bea Okafor records the learning "Pharmacy holds the TTOs back until the afternoon." as learned on 2025-11-07
    And Ann Facilitator decides to adopt on 2025-11-10, because "Worth keeping while pharmacy is fixed."
    Then cycle 1 says it was opened on 3 November 2025, and recorded today
    And the observation says it happened on 4 November 2025 at 9:30am, and was recorded today
    And the decision says it happened on 10 November 2025, and was recorded today
    And the group's timeline lists the ramp in the order it happened, after the group was formed:
      | adopted the change                              |
      | recorded what was learned                       |
      | recorded an observation                         |
      | opened cycle 1                                  |

  Scenario: Something dated in the future is refused
    Given Ann Facilitator has opened a cycle with this plan:
      | Objective  | Criteria-led discharge in Bay B for one week |
      | Question   | Will nurses discharge by 11?                 |
      | Prediction | Yes, for half of the patients                |
    When Bea Okafor tries to record the observation "Seen next week." as seen tomorrow
    Then it is refused with "That is in the future: say when it happened, today or before." next to the When was it done or seen
    And nothing is recorded

  Scenario: A past view as recorded vs as happened
    Given Ann Facilitator has opened a cycle on 2025-11-03 with this plan:
      | Objective  | Criteria-led discharge in Bay B for one week |
      | Question   | Will nurses discharge by 11?                 |
      | Prediction | Yes, for half of the patients                |
    When Bea Okafor records the observation "Two of five patients home by 11." as seen on 2025-11-04 at 09:30
    And Bea Okafor records the learning "Pharmacy holds the TTOs back until the afternoon." as learned on 2025-11-07
    And Ann Facilitator asks to see cycle 1 as it was recorded at 5pm on 2025-11-05
    Then the page says the group had not been formed yet, and offers the view as it had happened by then
    When Ann Facilitator takes that offer
    Then the page says it is a past view, as it had happened by then
    And it shows the observation "Two of five patients home by 11."
    But not the learning "Pharmacy holds the TTOs back until the afternoon.", which came two days later
    When Ann Facilitator switches to the view as it was recorded at that moment
    Then the page says the group had not been formed yet, and offers the view as it had happened by then

  Scenario: Nothing in a cycle can be dated before the cycle was opened
    Given Ann Facilitator has opened a cycle on 2025-11-03 with this plan:
      | Objective  | Criteria-led discharge in Bay B for one week |
      | Question   | Will nurses discharge by 11?                 |
      | Prediction | Yes, for half of the patients                |
    When Bea Okafor tries to record the observation "Seen the week before." as seen on 2025-10-27
    Then it is refused with "This cycle was opened on 3 November 2025: say when it happened, on that day or later." next to the When was it done or seen
    And nothing is recorded
