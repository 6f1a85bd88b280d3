Feature: A first cycle that finds out, without pretending to predict
  Many first cycles are exploratory: the team does not yet know enough to
  predict, and tries something small to find out. Each question in a plan is
  the team's choice: either predicted, with the prediction and why, or
  exploratory, "we are finding out; no prediction". Neither is a blank that
  passes: a predicted question needs its prediction, and an exploratory one
  takes none. When the team studies an exploratory question it writes down
  what it found; there is no prediction to confirm, so no outcome is asked.

  The example is a team trying a discharge sticker on the front of patients'
  folders, a first cycle on one shift; the people and what they saw are
  invented.

  Background:
    Given Ann Facilitator has formed the pilot group "Ward 7 discharge group" with the aim "Most patients on Ward 7 go home before noon"
    And Bea Okafor, a ward nurse, is a member of the group

  Scenario: An exploratory first cycle records what the team found, with no outcome
    Given Ann Facilitator has opened a cycle with this plan:
      | Objective         | Try a discharge sticker on patients' folders for one shift                |
      | Question          | Is the sticker format workable?                                           |
      | Kind of question  | Exploratory — we are finding out; no prediction                           |
      | What will be done | Put a sticker on the folder of each patient due home tomorrow, in Bay B   |
    Then the plan shows "Is the sticker format workable?" as exploratory
    When Bea Okafor records the observation "Two of the six stickers fell off the folders by the afternoon."
    And Bea Okafor records what was found for "Is the sticker format workable?": "Workable once printed larger and stuck inside the cover."
    Then cycle 1 shows what was found for "Is the sticker format workable?", with no outcome

  Scenario: A predicted question without a prediction is refused
    When Ann Facilitator tries to open another cycle with this plan:
      | Objective | Try a discharge sticker on patients' folders for one shift |
      | Question  | Will the nurses use the sticker?                           |
    Then it is refused with "Add your prediction for question 1, or mark it exploratory." next to the prediction for question 1
    And nothing is recorded

  Scenario: An exploratory question with a prediction typed is refused, not emptied
    When Ann Facilitator tries to open another cycle with this plan:
      | Objective        | Try a discharge sticker on patients' folders for one shift |
      | Question         | Is the sticker format workable?                            |
      | Kind of question | Exploratory — we are finding out; no prediction            |
      | Prediction       | Yes                                                        |
    Then it is refused with "Question 1 is exploratory, so it has no prediction" next to the prediction for question 1
    And nothing is recorded
