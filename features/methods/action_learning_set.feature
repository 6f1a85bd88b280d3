@use-learn-from-others
Feature: Action Learning Set — a real problem, questions, a commitment, and a report back
  An Action Learning Set is a small standing group that meets regularly. At each
  meeting one member, the presenter, brings a real problem they own. The others
  ask open questions rather than give advice, so that the presenter sees the
  problem afresh. The presenter commits to an action before the next meeting, and
  reports back on what happened. It comes from Reg Revans' ABC of Action Learning.

  In Learnloop the presenter's problem is a cycle. "The presenter brings a real
  problem" is the plan, with the question the set should help with and what the
  presenter expects. "The set asks questions" is recording the questions and what
  the presenter noticed. "The presenter commits to action" is the learning, which
  can only be written once the set has asked its questions. "Report back next
  time" is adapting: it opens the next cycle, which brings the problem back to
  the set with what happened, in the light of what the presenter learned.

  In these examples ward managers from different wards of a hospital meet monthly
  as a set, with a facilitator.

  Background:
    Given Ann Facilitator has formed the pilot group "Ward managers' action learning set" with the aim "Each of us makes progress on a problem we own, between meetings"
    And Bea Okafor, the stroke ward manager, is a member of the group
    And Carl Mensah, the respiratory ward manager, is a member of the group
    And Ann Facilitator has opened a cycle following Action Learning Set with this plan:
      | Objective  | Bea's problem: new nurses on the stroke ward leave within their first year                       |
      | Question   | Why do new nurses leave, and what could I change this month?                                     |
      | Prediction | The set will help me see that the rota is the main reason                                        |

  Scenario: The set questions the presenter, she commits to action and brings the problem back next time
    Then the cycle guides each step in Action Learning Set's own words:
      | Step    | Called                              | Asks                                                                   |
      | Plan    | The presenter brings a real problem | One member presents a real problem they own.                           |
      |         |                                     | What question should the set help with, and what do you expect?        |
      | Act     | The set asks questions              | Ask open questions, not advice.                                        |
      |         |                                     | Record the questions and what the presenter noticed.                   |
      | Reflect | The presenter commits to action     | What did the presenter learn, and what will they do before next time? |
      | Revise  | Report back next time               | Adapt to bring the problem back to the set with what happened.         |
    When Carl Mensah records the observation "Questions asked: Who does a new nurse go to on a bad shift? When did you last ask a leaver why they left? What do the ones who stay have in common?"
    And Bea Okafor records the observation "I have not asked any leaver why they left. The nurses who stayed all had the same preceptor."
    And Bea Okafor compares what happened with the prediction: not confirmed, "I came sure it was the rota; the questions showed I do not know why they leave."
    And Bea Okafor records the learning "I will ask the four nurses who left this year why they left, and give every new nurse a named preceptor from their first shift."
    And Bea Okafor answers "Report back next time" by adapting cycle 1 into cycle 2, in the light of Bea Okafor's learning:
      | What changed | From guessing at the rota to asking leavers, because I had not asked anyone why they left.         |
      | Objective    | Bea reports back: what the nurses who left told her, and the first month of named preceptors       |
      | Question     | What did the leavers say, and do new nurses with a named preceptor feel supported after a month?  |
      | Prediction   | Leavers will name feeling alone on shifts more often than the rota                                 |
    Then cycle 2 follows Action Learning Set too, back at "The presenter brings a real problem", and links back to cycle 1

  Scenario: The presenter cannot commit to action before the set has asked its questions
    Given nothing has been observed in the cycle yet
    Then the cycle asks "The presenter commits to action" only after "The set asks questions"
    And the cycle offers no place to answer "The presenter commits to action" yet, and says "Reflect once something has been observed."
    When Bea Okafor sends the learning "I will change the rota so new nurses have fewer night shifts." anyway
    Then it is refused with the message "Record at least one observation from acting before reflecting."
    And nothing is recorded
