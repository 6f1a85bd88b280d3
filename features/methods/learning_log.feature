@use-reflect-on-practice
Feature: Learning Log — What? So what? Now what?
  A Learning Log is a personal record of learning from practice. After trying
  something, the writer asks three questions: What? (what did I do, what
  happened), So what? (what does it mean, what did I learn) and Now what? (what
  will I do next in the light of it). The questions come from Rolfe, Freshwater
  and Jasper's Critical Reflection in Nursing (2001), and are widely used in
  nursing and social work supervision and revalidation.

  In Learnloop a Learning Log keeps one person's entries in a cycle the group can
  read. "What do I mean to try?" is the plan and its prediction, "What?" is
  recording what was done and what happened, "So what?" is comparing it with the
  prediction and writing down the learning, and "Now what?" is the decision —
  adapting opens the next entry of the log as the next cycle. "Now what?" cannot
  come before "So what?": deciding is refused until something has been learned.

  In these examples a newly qualified district nurse keeps a log while she tries
  teaching patients to give their own insulin. Her practice educator facilitates
  the group and opens each log with her; the entries are hers.

  Background:
    Given Ann Facilitator has formed the pilot group "Northside district nursing preceptorship" with the aim "New district nurses learn from their own practice in their first year"
    And Bea Okafor, a newly qualified district nurse, is a member of the group
    And Ann Facilitator has opened a cycle following Learning Log with this plan:
      | Objective  | Teach Mr Hale to give his own insulin, so he no longer waits in each morning for our visit |
      | Question   | After a week of teaching, can Mr Hale draw up and give his dose safely while I watch?      |
      | Prediction | Yes, by the fifth visit                                                                    |

  Scenario: One entry of the log answers What?, So what? and Now what?, and the next entry follows on
    Then the cycle guides each step in Learning Log's own words:
      | Step    | Called                 | Asks                                     |
      | Plan    | What do I mean to try? | What will I try, and what do I expect?   |
      | Act     | What?                  | What did I do? What happened?            |
      | Reflect | So what?               | What does it mean? What did I learn?     |
      | Revise  | Now what?              | What will I do next, in the light of it? |
    When Bea Okafor records the action "Five morning visits: I showed Mr Hale each step with his pen, then watched him do it."
    And Bea Okafor records the observation "By the fifth visit he dialled and gave his dose correctly, but could not read the dose window without his reading glasses."
    And Bea Okafor compares what happened with the prediction: partly confirmed, "He can give his insulin safely, but only with his glasses on, which he often leaves upstairs."
    And Bea Okafor records the learning "Teaching the technique was not enough: I had not asked about his eyesight and where he keeps his glasses."
    And Bea Okafor answers "Now what?" by adapting cycle 1 into cycle 2, in the light of Bea Okafor's learning:
      | What changed | Ask about eyesight first, and keep a pair of glasses with the pen, because he could not read the dose. |
      | Objective    | Help Mr Hale give his own insulin every morning without our visit                                   |
      | Question     | Over the next week, does Mr Hale give every morning dose himself, with the glasses kept by his pen?  |
      | Prediction   | Yes, all 7 doses                                                                                     |
    Then cycle 2 follows Learning Log too, back at "What do I mean to try?", and links back to cycle 1

  Scenario: "Now what?" is refused before "So what?"
    Given Bea Okafor has recorded the observation "By the fifth visit he dialled and gave his dose correctly, but could not read the dose window without his glasses."
    Then the cycle asks "Now what?" only after "So what?"
    And the cycle offers no place to answer "Now what?" yet, and says "Decide once you have compared what happened with your predictions, or recorded what you learned."
    When Bea Okafor answers "Now what?" anyway, sending a decision to adopt the change, because "He can do it; I will stop the morning visits."
    Then it is refused with the message "Reflect on what happened against your predictions before deciding."
    And nothing is recorded
    And the cycle still waits for an answer to "Now what?"
