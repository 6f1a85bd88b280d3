@use-look-back
Feature: After Action Review — four questions asked straight after acting
  An After Action Review is a short, blame-free conversation held as soon as
  possible after a piece of work, while memories are fresh. It asks four
  questions: What was supposed to happen? What actually happened? Why were there
  differences? What can we learn? It comes from the US Army and was brought to
  organisational learning by Collison and Parcell in Learning to Fly.

  In Learnloop the four questions are the four steps of a cycle. "What was
  supposed to happen?" is the plan, with its prediction written down before the
  work starts. "What actually happened?" is recording the facts of acting. "Why
  were there differences?" is comparing those facts with the prediction, and
  "What can we learn?" is the decision: sustain what worked, change what did not.
  The order matters: the group cannot explain differences until it has said what
  actually happened, so Learnloop asks the third question only after the second
  has an answer.

  In these examples an emergency department tests a "fit to sit" area, so that
  ambulance crews can hand over patients who can sit and get back on the road.

  Background:
    Given Ann Facilitator has formed the pilot group "Emergency department handover group" with the aim "Every ambulance handover done within 30 minutes"
    And Bea Okafor, the nurse in charge, is a member of the group
    And Ann Facilitator has opened a cycle following After Action Review with this plan:
      | Objective         | Hand over patients who can sit to a "fit to sit" area on Monday's evening peak                         |
      | Question          | How many of Monday's handovers between 4pm and 10pm take longer than 30 minutes?                     |
      | Prediction        | No more than 3, against 11 last Monday                                                               |
      | What will be done | A nurse in the fit to sit area takes handover of any patient who can sit, in a chair, not a trolley |
      | When              | Monday, 4pm to 10pm                                                                                  |

  Scenario: The four questions are asked in turn, and the team sustains what worked
    Then the cycle guides each step in After Action Review's own words:
      | Step    | Called                       | Asks                                                                 |
      | Plan    | What was supposed to happen? | State the intended result, and what you predict, before you start.  |
      | Act     | What actually happened?      | Record the facts as they happened, soon after, without blame.       |
      | Reflect | Why were there differences?  | Compare what happened with what was supposed to happen.             |
      |         |                              | What worked, what did not, and why?                                 |
      | Revise  | What can we learn?           | What will we sustain, and what will we change?                      |
      |         |                              | Revise the plan citing what you learned.                            |
    When Bea Okafor records the observation "5 of 38 handovers took longer than 30 minutes. 14 patients were handed over in the fit to sit area, all within 15 minutes."
    And Bea Okafor records the problem "From 7pm the fit to sit nurse was moved to cover resus for an hour, and crews queued again."
    And Ann Facilitator compares what happened with the prediction: partly confirmed, "5 long handovers against the 3 we predicted; 4 of the 5 were in the hour the nurse was moved."
    And Ann Facilitator records the learning "The fit to sit area works while it is staffed. Moving its nurse undoes it within the hour."
    And Ann Facilitator answers "What can we learn?" by deciding to adopt the change, because "We will sustain the fit to sit area every evening, and the nurse in charge will not move its nurse."
    Then the cycle shows, under "What can we learn?", that Ann Facilitator decided to adopt because "We will sustain the fit to sit area every evening, and the nurse in charge will not move its nurse."

  Scenario: "Why were there differences?" cannot be answered before "What actually happened?"
    Given nothing has been observed in the cycle yet
    Then the cycle asks "Why were there differences?" only after "What actually happened?"
    And the cycle offers no place to answer "Why were there differences?" yet, and says "Reflect once something has been observed."
    When Bea Okafor sends the reflection "Crews queued because the fit to sit nurse was moved." anyway
    Then it is refused with the message "Record at least one observation from acting before reflecting."
    And nothing is recorded
