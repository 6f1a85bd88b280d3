Feature: Opening a cycle a question at a time, the plan checked before it is recorded
  A plan has many parts: the method, what the cycle is for, the questions and
  what the team predicts, the change and its scale, what must be ready, what
  will be collected, and when it began. Asked all at once it is a form longer
  than a phone's screen many times over. So opening a cycle asks one thing a
  page, as public services ask for long answers, and nothing is recorded until
  the facilitator has seen the whole plan on one page, changed what they want
  to, and opened the cycle. A plan left half-written is kept for the person who
  began it, and the group page offers it back.

  The example follows a published case: Leis JA, Shojania KG. A primer on
  PDSA: executing plan–do–study–act cycles in practice, not just in name. BMJ
  Quality & Safety 2017;26:572–577. A team on general medical wards began by
  counting the urinary catheters patients did not need. The people are
  invented.

  Background:
    Given Ann Facilitator has formed the pilot group "General medicine catheter group" with the aim "No patient on our general medical wards keeps a urinary catheter they do not need"

  Scenario: The plan is asked a page at a time and recorded only once it is checked
    When Ann Facilitator answers the questions of a new cycle:
      | Objective         | Find out whether patients on our general medical wards have urinary catheters they do not need |
      | Question          | Are urinary catheters on our wards used when patients do not need them?                          |
      | Prediction        | Yes: fewer than 80% of catheters will have an appropriate reason                                 |
      | What will be done | On one day, check every patient on the general medical wards for a urinary catheter               |
    Then she is asked to check the plan, which shows:
      | Objective         | Find out whether patients on our general medical wards have urinary catheters they do not need                                                   |
      | Questions         | Are urinary catheters on our wards used when patients do not need them? — we predict: Yes: fewer than 80% of catheters will have an appropriate reason |
      | What will be done | On one day, check every patient on the general medical wards for a urinary catheter                                                                |
    And nothing is recorded
    When Ann Facilitator opens the cycle from the check page
    Then cycle 1 is open with the objective "Find out whether patients on our general medical wards have urinary catheters they do not need"

  Scenario: An answer is changed from the check page
    When Ann Facilitator answers the questions of a new cycle:
      | Objective  | Count urinary catheters on one ward                                     |
      | Question   | Are urinary catheters on our wards used when patients do not need them? |
      | Prediction | Yes                                                                     |
    And Ann Facilitator changes the objective to "Count urinary catheters on every general medical ward" from the check page
    Then she is asked to check the plan, which shows:
      | Objective | Count urinary catheters on every general medical ward |
    And nothing is recorded

  Scenario: A page's answer that breaks a rule is refused on that page
    When Ann Facilitator answers the questions of a new cycle:
      | Objective | Count urinary catheters on one ward                                     |
      | Question  | Are urinary catheters on our wards used when patients do not need them? |
    Then it is refused with "Add your prediction for question 1, or mark it exploratory." next to the prediction for question 1
    And nothing is recorded

  Scenario: A plan left unfinished is offered back to the person who began it
    When Ann Facilitator answers the questions of a new cycle and leaves at the questions:
      | Objective | Count urinary catheters on one ward |
    Then the group page offers Ann Facilitator to continue "Count urinary catheters on one ward"
    And nothing is recorded

  Scenario: A plan left unfinished can be thrown away, and nothing of it was recorded
    When Ann Facilitator answers the questions of a new cycle and leaves at the questions:
      | Objective | Count urinary catheters on one ward |
    And Ann Facilitator discards the plan "Count urinary catheters on one ward" from the group page
    Then the group page no longer offers Ann Facilitator "Count urinary catheters on one ward"
    And nothing is recorded
