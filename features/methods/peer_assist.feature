@use-learn-from-others
Feature: Peer Assist — before planning, ask a group that has done it before
  Peer Assist comes from Chris Collison and Geoff Parcell's "Learning to Fly",
  which describes how BP developed it: before a team starts something, it asks
  a team that has already done it to share what it learned, so that the new
  team plans with that knowledge instead of finding it out again the hard way.

  In Learnloop a facilitator opens a cycle following Peer Assist. While the
  group plans, it asks another pilot group for advice: any group its people can
  see, which means a group they belong to or one that shares its learning with
  the whole organisation. The asked group sees the question on its own page, and
  its members and facilitators give the group's advice there. The advice comes
  back to the asking cycle as an entry of that cycle, so the group can revise its
  plan in the light of it, just as it would in the light of its own reflections.
  Acting, reflecting and deciding then go on as in any cycle.

  Peer Assist only works across groups: a group cannot ask itself, a sponsor
  does not answer for the group (so its page does not show a sponsor the
  questions it cannot act on), and only cycles that follow Peer Assist ask for
  advice.

  In these examples Ward 3 wants to cut the urinary catheters its patients do
  not need. Ward 7 has done it before: its nurses now remove catheters from
  patients who meet agreed criteria, and it shares its learning with the whole
  hospital. The people are invented.

  Background:
    Given Ann Facilitator has formed the pilot group "Ward 3 catheter pilot" with the aim "No patient on Ward 3 keeps a urinary catheter they do not need"
    And Bea Okafor, a Ward 3 nurse, is a member of the group
    And Cat Nwosu has formed a second pilot group "Ward 7 catheter group" that shares its learning organisation-wide
    And Dan Reyes, a Ward 7 charge nurse, is a member of the second group
    And Eve Adeyemi, the director of nursing, is a sponsor of the second group

  Scenario: Ward 3 asks Ward 7 for advice and revises its plan in the light of it
    Given Ann Facilitator has opened a cycle following Peer Assist with this plan:
      | Objective  | Test nurse-led removal of urinary catheters on Ward 3                                    |
      | Plan       | Nurses remove a catheter when the patient meets the removal criteria.                    |
      | Question   | How many catheters are removed within a day of the patient meeting the criteria?         |
      | Prediction | 8 of 10                                                                                  |
    Then Ann Facilitator may ask "Ward 7 catheter group" for advice, but not her own group
    When Ann Facilitator asks "Ward 7 catheter group" for advice on "What stopped your nurses removing catheters at first, and what did you change?"
    Then the page of "Ward 7 catheter group" shows the question "What stopped your nurses removing catheters at first, and what did you change?" from "Ward 3 catheter pilot"
    When Dan Reyes, a Ward 7 charge nurse, answers for "Ward 7 catheter group" with the advice "Night staff did not know the criteria. Put the removal criteria on the catheter care chart at every bed, and check it at each handover."
    Then the cycle shows the advice from "Ward 7 catheter group" by Dan Reyes: "Night staff did not know the criteria. Put the removal criteria on the catheter care chart at every bed, and check it at each handover."
    When Ann Facilitator revises the plan in the light of the advice Dan Reyes gave:
      | Plan         | Nurses remove a catheter when the patient meets the removal criteria. The criteria are on the catheter care chart at every bed and checked at each handover. |
      | What changed | The criteria go on the chart at every bed and are checked at handover, because Ward 7's night staff did not know them at first.                          |
    Then the plan's history shows 2 versions
    And version 2 cites, as what it was revised in the light of, the advice Dan Reyes gave: "Night staff did not know the criteria. Put the removal criteria on the catheter care chart at every bed, and check it at each handover."

  Scenario: A group cannot ask itself for advice
    Given Ann Facilitator has opened a cycle following Peer Assist with this plan:
      | Objective  | Test nurse-led removal of urinary catheters on Ward 3                            |
      | Question   | How many catheters are removed within a day of the patient meeting the criteria? |
      | Prediction | 8 of 10                                                                          |
    Then Ann Facilitator may ask "Ward 7 catheter group" for advice, but not her own group
    When Ann Facilitator sends a request for advice to her own group anyway, asking "What would we do differently?"
    Then it is refused with the message "Not a valid choice."
    And nothing is recorded

  @app-check
  Scenario: A request for advice must say which group to ask
    Given Ann Facilitator has opened a cycle following Peer Assist with this plan:
      | Objective  | Test nurse-led removal of urinary catheters on Ward 3                            |
      | Question   | How many catheters are removed within a day of the patient meeting the criteria? |
      | Prediction | 8 of 10                                                                          |
    When Ann Facilitator asks for advice on "How did you agree the removal criteria with the doctors?" without choosing a group
    Then it is refused with the message "Choose the group to ask: one that has done it before."
    And nothing is recorded

  @app-check
  Scenario: A sponsor of the asked group is not shown the questions and cannot give the group's advice
    Given Ann Facilitator has opened a cycle following Peer Assist with this plan:
      | Objective  | Test nurse-led removal of urinary catheters on Ward 3                            |
      | Question   | How many catheters are removed within a day of the patient meeting the criteria? |
      | Prediction | 8 of 10                                                                          |
    And Ann Facilitator has asked "Ward 7 catheter group" for advice on "How did you agree the removal criteria with the doctors?"
    Then Eve Adeyemi, the director of nursing, sees neither the question nor a way to give advice on the page of "Ward 7 catheter group"
    When Eve Adeyemi sends advice for "Ward 7 catheter group" anyway: "The medical director signed the criteria off; ask her."
    Then it is refused as forbidden to a sponsor of "Ward 7 catheter group"
    And nothing is recorded

  @app-check
  Scenario: A cycle that follows PDSA does not ask other groups for advice
    Given Ann Facilitator has opened a cycle following PDSA with this plan:
      | Objective  | Test nurse-led removal of urinary catheters on Ward 3                            |
      | Question   | How many catheters are removed within a day of the patient meeting the criteria? |
      | Prediction | 8 of 10                                                                          |
    Then the cycle offers no way to ask another group for advice
    When Ann Facilitator sends a request for advice to "Ward 7 catheter group" anyway, asking "What stopped your nurses removing catheters at first?"
    Then it is refused with the message "This cycle follows PDSA; requests for advice belong to cycles that follow Peer Assist."
    And nothing is recorded
