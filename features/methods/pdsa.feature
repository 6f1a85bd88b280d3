@use-test-a-change
Feature: PDSA — Plan, Do, Study, Act
  PDSA tests a change on a small scale before anyone commits to it. The group
  plans the test and predicts what will happen, does it, studies what happened
  against the prediction, and then acts: it adopts the change, adapts it and tests
  again, or abandons it. It comes from Langley and colleagues' The Improvement
  Guide and the IHI Model for Improvement, and it is what Learnloop's own cycle is
  built on.

  In Learnloop the four PDSA steps are the four steps of every cycle: Plan is the
  plan with its questions and predictions, Do is recording what was done and seen,
  Study is comparing what happened with each prediction and writing down what was
  learned, and Act is the decision. Adapting opens the next cycle of the ramp, and
  its plan must name the learning it was changed in the light of, so sponsors can
  see why each test followed the last.

  In these examples the night staff of a care home test a mid-evening round that
  offers every resident a drink and help to the toilet, to cut falls at night.

  Background:
    Given Ann Facilitator has formed the pilot group "Elm Lodge night falls group" with the aim "Halve falls at night at Elm Lodge care home by the end of the year"
    And Bea Okafor, a senior carer, is a member of the group
    And Ann Facilitator has opened a cycle following PDSA with this plan:
      | Objective            | Test a 10pm drink-and-toilet round on one corridor to cut falls at night                                  |
      | Question             | How many residents on the Rowan corridor fall between 10pm and 6am over two weeks?                      |
      | Prediction           | No more than 1 fall, against 4 in the same two weeks last month                                         |
      | Why you predict this | Most night falls last month happened on the way to the toilet after midnight                            |
      | What will be done    | At 10pm a carer offers each of the 12 Rowan residents a drink and help to the toilet                     |
      | Who                  | Night carers on Rowan, led by Bea Okafor                                                                |
      | Where                | Rowan corridor                                                                                          |
      | When                 | Two weeks                                                                                               |
      | Data to collect      | Each night: residents offered the round, residents who accepted, and any fall with its time and place   |
      | Measures             | Falls between 10pm and 6am on Rowan, against 4 in the same two weeks last month                         |

  Scenario: A small test is planned, done, studied and adapted into the next cycle in the light of what it taught
    Then the cycle guides each step in PDSA's own words:
      | Step    | Called | Asks                                                                          |
      | Plan    | Plan   | What is the objective of this cycle?                                          |
      |         |        | Which questions should the test answer, and what do you predict — why?        |
      |         |        | Who, what, where, when? Which data will show whether you were right?          |
      | Act     | Do     | Carry out the test on a small scale.                                          |
      |         |        | Record what you did and saw; problems and surprises count.                    |
      | Reflect | Study  | Compare what happened with each prediction.                                   |
      |         |        | What did you learn, including mistakes and surprises?                         |
      | Revise  | Act    | Adopt and implement, adopt and test at a larger scale, adapt, or abandon?     |
      |         |        | If you scale up or adapt: what changes for the next cycle, in the light of which learning? |
    When Bea Okafor records the action "For 14 nights a carer offered all 12 Rowan residents a drink and the toilet at 10pm."
    And Bea Okafor records the observation "2 falls in the two weeks, both after 3am. 3 residents were asleep at 10pm and were not woken."
    And Ann Facilitator compares what happened with the prediction: partly confirmed, "2 falls against 4 last month: fewer, but not down to 1. Both fell after 3am."
    And Ann Facilitator records the learning "The 10pm round helps, but the falls left are in the early hours, when nobody offers the toilet."
    And Ann Facilitator answers "Act" by adapting cycle 1 into cycle 2, in the light of Ann Facilitator's learning:
      | What changed      | A second round at 3am for residents who are awake, because both falls left were after 3am.           |
      | Objective         | Test a second, 3am round on the Rowan corridor for residents who are awake                           |
      | Question          | How many Rowan residents fall between 10pm and 6am over the next two weeks?                          |
      | Prediction        | No more than 1 fall                                                                                  |
      | What will be done | Keep the 10pm round, and at 3am offer the toilet to any resident who is awake                       |
    Then cycle 2 follows PDSA too, back at "Plan", and links back to cycle 1
    And cycle 2's plan history shows 1 version
    And version 1 was made in the light of Ann Facilitator's learning "The 10pm round helps, but the falls left are in the early hours, when nobody offers the toilet."

  Scenario: At "Act", adapting without naming the learning behind the change is refused
    Given Bea Okafor has recorded the observation "2 falls in the two weeks, both after 3am."
    And Ann Facilitator has recorded the learning "The falls left are in the early hours."
    When Ann Facilitator tries to answer "Act" by adapting cycle 1 without ticking any learning:
      | What changed | A second round at 3am for residents who are awake.     |
      | Objective    | Test a second, 3am round on the Rowan corridor         |
    Then it is refused with the message "Tick the reflection or observation this revision is made in the light of."
    And nothing is recorded
    And the group still has 1 cycle

  @app-check
  Scenario: The group can find PDSA in the Methods guide
    Then the Methods guide shows "PDSA — Plan, Do, Study, Act" with the scenario "A small test is planned, done, studied and adapted into the next cycle in the light of what it taught"
