Feature: A learning cycle from plan to decision, and a ramp of cycles that each build on the last
  A pilot team tests an idea in short cycles. It plans, saying what it predicts
  will happen; acts on a small scale, writing down what it did and saw; compares
  what happened with its prediction and writes down what it learned; and then
  decides. It may adopt the change, adapt it and test again in a new cycle, or
  abandon it. Cycles joined by adapting make a ramp, and each new cycle's plan
  names the learning it was made in the light of. A closed cycle takes nothing
  more, asking for help is part of the record, and a correction never hides what
  was first written. Everyone signs in: whoever forms the group facilitates it,
  its members record, and a sponsor reads, comments and answers requests for
  help but records nothing else.

  These examples follow a published case: Leis JA, Shojania KG. A primer on
  PDSA: executing plan–do–study–act cycles in practice, not just in name. BMJ
  Quality & Safety 2017;26:572–577, Table 1. A team on general medical wards set
  out to cut the use of urinary catheters that patients do not need. Its first
  cycle, a one-day count on the wards, found 54 catheters among 278 patients,
  only 17 of them (31%) with an appropriate reason; staff believed the emergency
  department put in most of the unneeded ones. Its second cycle, a chart review
  and staff interviews, found that catheters put in without need and catheters
  left in too long contributed about equally, and that residents hesitated to
  remove a catheter when they did not know why it had been put in.

  The paper's table goes on through further cycles (its own third cycle, adding
  the catheter's reason to the emergency department's handover form, was not
  taken further), and the team's later work let nurses remove catheters from
  patients who meet agreed criteria. Here the third cycle stands for that work:
  a nurse-led removal directive tested on one ward. What is recorded in the
  third cycle is illustrative, not the paper's data, and the people are invented.

  Background:
    Given Ann Facilitator has formed the pilot group "General medicine catheter group" with the aim "No patient on our general medical wards keeps a urinary catheter they do not need"
    And Bea Okafor, a ward nurse, is a member of the group
    And Carl Mensah, a resident, is a member of the group
    And Ann Facilitator has opened a cycle with this plan:
      | Objective         | Find out whether patients on our general medical wards have urinary catheters they do not need                               |
      | Question          | Are urinary catheters on our wards used when patients do not need them?                                                         |
      | Prediction        | Yes: fewer than 80% of catheters will have an appropriate reason                                                                |
      | What will be done | On one day, check every patient on the general medical wards for a urinary catheter and whether the reason for it is appropriate |
      | Who               | Bea Okafor and Carl Mensah                                                                                                      |
      | Where             | All general medical wards                                                                                                       |
      | When              | One weekday                                                                                                                     |
      | Data to collect   | For each patient: whether they have a catheter and, if so, the reason written in their notes                                    |
      | Measures          | The share of catheters with an appropriate reason; 80% or more would mean there is no problem to fix                            |

  Scenario: Three cycles make a ramp: two adapted in the light of what they taught, the third adopted
    When Bea Okafor, a ward nurse, records the action "We checked all 278 patients on the general medical wards in one day."
    And Bea Okafor records the observation "54 of the 278 patients had a urinary catheter. Only 17 of the 54 (31%) had an appropriate reason for it."
    And Carl Mensah, a resident, records the observation "Ward staff told us they believe the emergency department puts in most of the catheters patients do not need."
    And Ann Facilitator compares what happened with the prediction: confirmed, "Only 31% of catheters had an appropriate reason, far below the 80% that would have meant no problem."
    And Ann Facilitator records the learning "Unneeded catheters are a real problem on our wards and worth our time. Before changing anything we need to know where they come from."
    Then cycle 1 shows its prediction was confirmed

    When Ann Facilitator adapts cycle 1 into cycle 2, in the light of Ann Facilitator's learning and Carl Mensah's observation:
      | What changed         | From measuring the problem to finding its cause, because ward staff believe the emergency department puts in most of the unneeded catheters.          |
      | Objective            | Find out where the unneeded catheters on our wards come from                                                                                          |
      | Question             | Are catheters put in by the emergency department the main source of unneeded catheters?                                                               |
      | Prediction           | Yes: most unneeded catheters were put in by the emergency department                                                                                  |
      | Why you predict this | Ward staff believe so                                                                                                                                 |
      | What will be done    | Review the charts of patients with an unneeded catheter, and ask ward nurses and residents why catheters stay in                                      |
      | When                 | Two days                                                                                                                                              |
      | Data to collect      | For each unneeded catheter: whether it was needed when it went in, or was left in after the need had passed; what staff say about removing catheters |
      | Measures             | Unneeded catheters put in without need, against those left in too long                                                                               |
    Then cycle 2 is open, adapted from cycle 1, whose decision gives what changed as its reason

    When Carl Mensah records the action "We reviewed the charts of the patients with an unneeded catheter and talked with nurses and residents."
    And Carl Mensah records the observation "About as many unneeded catheters had been left in after the need had passed as had been put in without need."
    And Bea Okafor records the observation "Residents hesitate to remove a catheter when they do not know why it was put in. Nurses often ask them to look at it again."
    And Ann Facilitator compares what happened with the prediction: partly confirmed, "The emergency department accounts for about half; catheters left in too long account for the other half."
    And Ann Facilitator records the learning "Catheters left in too long matter as much as those put in without need. Nurses notice first when a catheter may no longer be needed, but wait for a resident to remove it."
    Then cycle 2 shows its prediction was partly confirmed

    When Ann Facilitator adapts cycle 2 into cycle 3, in the light of Ann Facilitator's learning and Bea Okafor's observation:
      | What changed         | From finding the cause to testing a change: nurses remove catheters that meet agreed criteria, because residents hesitate when unsure of the reason. |
      | Objective            | Test, on one ward, a directive that lets nurses remove a urinary catheter from any patient who meets agreed criteria                           |
      | Question             | Will nurses on the test ward remove catheters that are no longer needed without waiting for a resident?                                         |
      | Prediction           | Yes: nurses will remove catheters as soon as patients meet the criteria                                                                       |
      | Why you predict this | Nurses already notice when a catheter may no longer be needed                                                                                 |
      | What will be done    | Each morning, nurses on the test ward check every patient with a catheter against the criteria and remove it when the criteria are met        |
      | Who                  | The nurses of the test ward, led by Bea Okafor                                                                                                  |
      | Where                | One general medical ward                                                                                                                      |
      | When                 | Four weeks                                                                                                                                    |
      | Data to collect      | Each day: the patients with a catheter, and the catheters nurses removed under the directive                                                  |
      | Measures             | The share of catheters on the ward with an appropriate reason, against the 31% we found in cycle 1                                           |
    Then cycle 3 is open, adapted from cycle 2

    When Bea Okafor records the action "Each morning nurses on the test ward checked every catheter against the criteria."
    And Bea Okafor records the observation "Nurses removed catheters from patients who met the criteria on the day they met them, without waiting for a resident."
    And Carl Mensah records the surprise "Residents said the directive saved them time: nobody had to ask them about each catheter."
    And Ann Facilitator compares what happened with the prediction: confirmed, "Nurses removed catheters as soon as patients met the criteria."
    And Ann Facilitator records the learning "Nurse-led removal by agreed criteria works on our ward, and residents welcome it."
    And Ann Facilitator decides to adopt the change, because "It worked on the test ward. We will spread the directive to every general medical ward."
    Then cycle 3 shows that Ann Facilitator decided to adopt, which closes the ramp
    And the group's page shows 1 ramp, "Ramp 1 — adopted", with these cycles:
      | Cycle | Decision |
      | 1     | adapted  |
      | 2     | adapted  |
      | 3     | adopted  |
    And cycle 2's plan history shows 1 version
    And version 1 was adapted from cycle 1 by Ann Facilitator, who wrote "From measuring the problem to finding its cause, because ward staff believe the emergency department puts in most of the unneeded catheters."
    And version 1 was made in the light of Ann Facilitator's learning "Unneeded catheters are a real problem on our wards and worth our time. Before changing anything we need to know where they come from." and Carl Mensah's observation "Ward staff told us they believe the emergency department puts in most of the catheters patients do not need."

  Scenario: Nobody can decide before comparing what happened with the prediction or recording what was learned
    Given Bea Okafor, a ward nurse, has recorded the observation "54 of the 278 patients had a urinary catheter. Only 17 of the 54 (31%) had an appropriate reason for it."
    Then the cycle offers no way to decide yet, and says "Decide once you have compared what happened with your predictions, or recorded what you learned."
    When Ann Facilitator sends a decision to adopt the change anyway, because "We already know catheters are overused."
    Then it is refused with the message "Reflect on what happened against your predictions before deciding."
    And nothing is recorded
    And the cycle is still open

  Scenario: An observation sent twice, by a double click or again after the answer was lost, is recorded once
    When Bea Okafor, a ward nurse, records the observation "54 of the 278 patients had a urinary catheter." and her browser sends the same form again
    Then the second sending is answered as the first was
    And nothing is recorded
    And the cycle shows the observation "54 of the 278 patients had a urinary catheter." once

  Scenario: A closed cycle takes nothing more
    Given Bea Okafor, a ward nurse, has recorded the observation "54 of the 278 patients had a urinary catheter. Only 17 of the 54 (31%) had an appropriate reason for it."
    And Ann Facilitator has recorded the learning "Unneeded catheters are a real problem on our wards."
    And Ann Facilitator has decided to abandon the change, because "The hospital's infection control team now checks catheters on every ward; we will join their work instead."
    Then the cycle shows that Ann Facilitator decided to abandon, and offers no place to record anything more
    When Carl Mensah, a resident, sends the observation "Two more patients had a catheter with no reason written down." anyway
    Then it is refused with the message "This cycle is closed: Ann Facilitator decided to abandon it. Nothing more can be recorded in it."
    And nothing is recorded
    And the group's page shows 1 ramp, "Ramp 1 — abandoned", with these cycles:
      | Cycle | Decision |
      | 1     | abandon  |

  Scenario: A request for help stays open until it is answered, and only the person who asked, signed in as themselves, can close it
    When Bea Okafor, a ward nurse, asks for help: "Which reasons for a urinary catheter count as appropriate? We need a short list to use at the bedside."
    Then the cycle shows the request as open
    And the group's page lists the request as not answered yet
    When Carl Mensah, a resident, answers it: "The hospital's catheter guideline lists them on one page. I have put a copy in each ward office."
    Then the cycle shows the request as answered, with Carl Mensah's answer
    And the group's page no longer lists the request
    And Ann Facilitator is offered no way to close the request
    When Ann Facilitator tries to close the request anyway
    Then it is refused with the message "Only Bea Okafor, who asked, can close this."
    And nothing is recorded
    When Bea Okafor closes the request
    Then the cycle shows the request as closed

  Scenario: A sponsor reads the cycle and answers a request for help, but is refused when recording an observation
    Given Dee Harper, the director of nursing, is a sponsor of the group
    And Bea Okafor, a ward nurse, has recorded the observation "54 of the 278 patients had a urinary catheter. Only 17 of the 54 (31%) had an appropriate reason for it."
    And Bea Okafor has asked for help: "Which reasons for a urinary catheter count as appropriate? We need a short list to use at the bedside."
    Then Dee Harper can read the cycle and Bea Okafor's observation, and is offered only ways to comment and to answer the request for help
    When Dee Harper answers it: "The infection control team keeps a one-page list of appropriate reasons. I will send it to every ward today."
    Then the cycle shows the request as answered, with Dee Harper's answer
    When Dee Harper sends the observation "Two more patients had a catheter with no reason written down." anyway
    Then it is refused as forbidden to a sponsor
    And nothing is recorded

  Scenario: A correction keeps the original words visible
    Given Bea Okafor, a ward nurse, has recorded the observation "45 of the 278 patients had a urinary catheter."
    When Bea Okafor corrects the observation "45 of the 278 patients had a urinary catheter." to "54 of the 278 patients had a urinary catheter.", because "I swapped two digits when copying from the audit sheet."
    Then the cycle shows the observation "54 of the 278 patients had a urinary catheter." by Bea Okafor, marked amended
    And its corrections show the original "45 of the 278 patients had a urinary catheter."
    And its corrections show it was amended by Bea Okafor to "54 of the 278 patients had a urinary catheter.", because "I swapped two digits when copying from the audit sheet."
