@use-test-a-change
Feature: Appreciative Inquiry — building on what already works
  Appreciative Inquiry starts from what works rather than from what is wrong. In
  Discovery the group collects stories of the times something works at its best;
  in Dream it imagines what might be if the best were the norm; in Design it
  shapes a change that builds on those strengths; and in Destiny it tries the
  change and asks what now works better, and why. It comes from Cooperrider and
  Whitney's Appreciative Inquiry.

  In Learnloop, Discovery and Dream are the plan: the examples of the best, and a
  prediction of what the change will bring. Design is trying the change and
  recording what happened. Destiny is comparing that with the prediction and
  writing down what the change built on. Sustain is the decision: how the change
  will be kept and spread, or whether to adapt or abandon it. Like every method
  in Learnloop, it decides only after reflecting: Sustain waits for Destiny.

  In these examples the staff of a dementia unit in a care home notice that
  residents eat well at Sunday lunch, and try to make every lunch like it.

  Background:
    Given Ann Facilitator has formed the pilot group "Willow unit mealtimes" with the aim "Residents on the Willow dementia unit eat well at every meal"
    And Bea Okafor, a care assistant, is a member of the group
    And Ann Facilitator has opened a cycle following Appreciative Inquiry with this plan:
      | Objective            | Make weekday lunches on Willow like Sunday lunch, when residents eat best                                    |
      | Question             | How many of the 16 residents eat at least half their weekday lunch, over two weeks?                         |
      | Prediction           | 12 of 16, against 7 of 16 now                                                                              |
      | Why you predict this | On Sundays, with families at the table, staff sitting down and food served in dishes, 13 of 16 eat well     |
      | What will be done    | On weekdays, staff sit and eat with residents, and food is served from dishes on the table                |

  Scenario: The unit builds on Sunday lunch and decides to keep and spread the change
    Then the cycle guides each step in Appreciative Inquiry's own words:
      | Step    | Called              | Asks                                                             |
      | Plan    | Discovery and Dream | Discovery: when does this work at its best? Collect examples.    |
      |         |                     | Dream: what might be, if the best were the norm?                 |
      | Act     | Design              | Design a change that builds on what works, and try it.           |
      | Reflect | Destiny             | What did we build on? What now works better, and why?            |
      | Revise  | Sustain             | How will the change be kept and spread? Adopt, adapt or abandon. |
    When Bea Okafor records the action "For two weeks two staff sat and ate lunch with residents, and served from dishes on the table."
    And Bea Okafor records the observation "On average 12 of 16 residents ate at least half their lunch, against 7 before."
    And Bea Okafor records the surprise "Mrs Adeyemi, who had refused lunch for a month, served the potatoes to her table."
    And Ann Facilitator compares what happened with the prediction: confirmed, "12 of 16 ate well on weekdays, as we predicted."
    And Ann Facilitator records the learning "We built on the Sunday table: eating together and serving from dishes help residents recognise a meal and join in."
    And Ann Facilitator answers "Sustain" by deciding to adopt the change, because "Shared lunches become part of the weekday routine on Willow, and we will show the other two units at the next staff meeting."
    Then the cycle shows, under "Sustain", that Ann Facilitator decided to adopt because "Shared lunches become part of the weekday routine on Willow, and we will show the other two units at the next staff meeting."

  Scenario: Sustain waits for Destiny: the change cannot be kept before the unit says what it built on
    Given Bea Okafor has recorded the observation "On average 12 of 16 residents ate at least half their lunch, against 7 before."
    Then the cycle asks "Sustain" only after "Destiny"
    And the cycle offers no place to answer "Sustain" yet, and says "Decide once you have compared what happened with your predictions, or recorded what you learned."
    When Ann Facilitator answers "Sustain" anyway, sending a decision to adopt the change, because "The numbers speak for themselves."
    Then it is refused with the message "Reflect on what happened against your predictions before deciding."
    And nothing is recorded
    And the cycle still waits for an answer to "Sustain"
