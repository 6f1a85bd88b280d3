@use-look-back
Feature: Retrospect — looking back at the end of a project
  A Retrospect is a facilitated meeting held when a project ends, so that the
  next project starts with its lessons. The team revisits its objectives, walks
  through what happened in order, asks what went well and what could have gone
  better — and why — and turns that into advice for the next project. It comes
  from Collison and Parcell's Learning to Fly.

  In Learnloop a Retrospect is one cycle. "Revisit the objectives" is the plan
  with its prediction, "Walk through the project" is recording what was done and
  seen, "What went well, what could have gone better" is comparing and recording
  what was learned, and "What would we do differently" is the decision, naming
  the learning behind it. The facilitator cannot skip to recommendations: a
  decision is refused until the team has reflected.

  In these examples a council's adult social care team looks back on a
  three-month project that started home care on the day people left hospital.

  Background:
    Given Ann Facilitator has formed the pilot group "Same-day home care project" with the aim "Nobody waits in hospital for home care to start"
    And Bea Okafor, a reablement team leader, is a member of the group
    And Ann Facilitator has opened a cycle following Retrospect with this plan:
      | Objective         | Start home care on the day of discharge for everyone the hospital refers to reablement                 |
      | Question          | What share of people referred from January to March had home care start on the day they left hospital? |
      | Prediction        | 75%, against 20% before the project                                                                    |
      | What will be done | A reablement worker based on the discharge lounge books the first home visit before the patient leaves |
      | When              | January to March                                                                                       |

  Scenario: The team walks through the project and recommends what the next one should keep
    Then the cycle guides each step in Retrospect's own words:
      | Step    | Called                                      | Asks                                                                     |
      | Plan    | Revisit the objectives                      | What were the project's objectives, and what did you expect to achieve? |
      | Act     | Walk through the project                    | What was done, and what happened, in order?                             |
      | Reflect | What went well, what could have gone better | What went well, and why?                                                |
      |         |                                             | What could have gone better, and why? Own the mistakes.                 |
      | Revise  | What would we do differently                | What do you recommend to the next project?                              |
      |         |                                             | Adopt, adapt or abandon, naming the learning behind each change.        |
    When Bea Okafor records the action "From January a reablement worker sat in the discharge lounge every weekday and booked first visits there."
    And Bea Okafor records the observation "61% of the 212 people referred had home care start on the day they left, against 20% before."
    And Bea Okafor records the surprise "At weekends nobody was in the lounge, and almost every weekend discharge waited until Monday."
    And Ann Facilitator compares what happened with the prediction: partly confirmed, "61% against the 75% we predicted; weekdays reached 78%, weekends stayed near 10%."
    And Ann Facilitator records the learning "Having someone in the lounge who can book the visit is what works. Without weekend cover the weekends do not improve."
    And Ann Facilitator answers "What would we do differently" by deciding to adopt the change, because "Keep a reablement worker in the discharge lounge, and the next project should cover weekends from day one."
    Then the cycle shows, under "What would we do differently", that Ann Facilitator decided to adopt because "Keep a reablement worker in the discharge lounge, and the next project should cover weekends from day one."

  Scenario: Recommendations are refused until the team has said what went well and what could have gone better
    Given Bea Okafor has recorded the observation "61% of the 212 people referred had home care start on the day they left, against 20% before."
    Then the cycle asks "What would we do differently" only after "What went well, what could have gone better"
    And the cycle offers no place to answer "What would we do differently" yet, and says "Decide once you have compared what happened with your predictions, or recorded what you learned."
    When Ann Facilitator answers "What would we do differently" anyway, sending a decision to adopt the change, because "Everyone agrees the project worked."
    Then it is refused with the message "Reflect on what happened against your predictions before deciding."
    And nothing is recorded
    And the cycle still waits for an answer to "What would we do differently"
