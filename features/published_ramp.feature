Feature: A published ramp entered as it happened: treatment escalation plans on an acute medical unit
  Source: Sayma M, Nowell G, O'Connor A, Clark G, Gaukroger A, Proctor D, Walsh J,
  Rigney B, Norman S, Adedeji A, Wilson D, O'hagan D, Cook V, Carrington R, Sekaran P,
  Wehbe M, Paterson D, Welchman S, Over J, Payne S. "Improving the use of treatment
  escalation plans: a quality-improvement study". Postgraduate Medical Journal 2018;
  94(1113):404-410. doi:10.1136/postgradmedj-2018-135699 (Royal Cornwall Hospital, Truro).

  A team at a rural district general hospital wanted more of the patients who need a
  treatment escalation plan (TEP) to have one. It ran three PDSA cycles between
  1 December 2016 and 9 June 2017: the first to assess the problem, the second to
  implement a solution (a leaflet, "Talking to your doctor about treatment"), the third
  to monitor its sustainability. The cycles sampled all acute medical admissions at
  different time points, focusing on the acute medical unit, and used the Supportive and
  Palliative Care Indicators Tool (SPICT) to find who needed a TEP: 128 patients in the
  first cycle, 95 in the second, 100 in the third. Of the patients who needed a TEP, the
  share who had none was 43% in the first cycle, 27% in the second and 23% in the third
  (the abstract labels the 27% "PDSA 3" as well; by its order it is the second cycle's).

  What is the paper's: the aim, the three cycles and what each was for, the leaflet and
  its title, SPICT, the stakeholder survey and process communication map, the samples, the
  three percentages, the first and last dates. What is illustrative: the people's names
  (invented); every date between 1 December 2016 and 9 June 2017 (the paper gives the
  window, not the day each thing was done); the month of the second value on the chart;
  the team's wording of what they saw and learned; and the closing decision to adopt and
  implement (what was decided after the third cycle is not in the text we read). The paper
  states no predictions, so each cycle's question is exploratory. Nor does it describe a
  test widened from cycle to cycle: the scale entered is each cycle's sample, and the
  third cycle, which kept the leaflet to see whether the fall lasted, is entered as
  "adopt and scale up" because that is Learnloop's only way to keep a change and test it
  again (100 patients were sampled, against 95).

  Background:
    Given Ann Facilitator has formed the pilot group "Acute medical unit TEP group" with the aim "More of our acute medical patients who need a treatment escalation plan have one"
    And Bea Okafor, a junior doctor, is a member of the group
    And Ann Facilitator has defined the measure, from the group's page:
      | Name       | Patients who need a TEP but have none                                                                 |
      | Definition | Sampled acute medical admissions whom SPICT shows need a TEP and who have none, over all who need one |
      | Unit       | %                                                                                                     |
      | Better     | Down is better                                                                                        |
      | Counted by | Each month                                                                                            |

  Scenario: Find out, test the leaflet, see whether the fall lasts: December 2016 to June 2017
    Given Ann Facilitator has opened a cycle on 2016-12-01 with this plan:
      | Objective         | Assess the problem: how many acute medical patients who need a TEP have one                                                  |
      | Question          | Of the patients SPICT shows need a TEP, how many have none?                                                                  |
      | Kind of question  | Exploratory — we are finding out; no prediction                                                                              |
      | What will be done | Sample all acute medical admissions at one time point, on the acute medical unit; survey stakeholders; map how a TEP is made |
      | Scale             | All acute medical admissions at one time point: 128 patients                                                                 |
    Then the plan shows "Of the patients SPICT shows need a TEP, how many have none?" as exploratory
    When Bea Okafor records the observation "128 patients sampled; SPICT picked out those who need a TEP." as seen on 2016-12-09
    And Bea Okafor records what was found for "Of the patients SPICT shows need a TEP, how many have none?" on 2016-12-16: "43% of the patients who need a TEP have none."
    And Ann Facilitator records the learning "Many who need a TEP have none (43%). The stakeholder survey and process communication map help us see the human interfaces in producing a TEP." as learned on 2016-12-16
    And Ann Facilitator adapts cycle 1 into cycle 2 on 2017-01-09, in the light of Ann Facilitator's learning:
      | Objective         | Implement a solution: the leaflet "Talking to your doctor about treatment"                  |
      | Question          | With the leaflet in use, how many of the patients who need a TEP have none?                 |
      | What will be done | Give the leaflet to acute medical admissions; sample all admissions again at one time point |
      | Scale             | All acute medical admissions at one time point: 95 patients                                 |
      | What changed      | We found 43% without a TEP: now we try a leaflet that starts the conversation.              |
    Then cycle 2 is open, adapted from cycle 1, whose decision gives what changed as its reason

    When Bea Okafor records the observation "95 patients sampled with the leaflet in use." as seen on 2017-03-10
    And Bea Okafor records what was found for "With the leaflet in use, how many of the patients who need a TEP have none?" on 2017-03-17: "27% of the patients who need a TEP have none, down from 43%."
    And Ann Facilitator records the learning "With the leaflet, fewer who need a TEP go without one: 43% to 27%." as learned on 2017-03-17
    And Ann Facilitator adopts cycle 2 and scales it up into cycle 3 on 2017-04-03, in the light of Ann Facilitator's learning:
      | Objective    | Monitor sustainability: does the fall with the leaflet last?                     |
      | What changed | The leaflet stays; we sample the admissions again to see whether the fall lasts. |
      | Scale        | All acute medical admissions at one time point: 100 patients                     |
    Then cycle 3 is open at the scale "All acute medical admissions at one time point: 100 patients", scaled up from cycle 2

    When Bea Okafor records the observation "100 patients sampled; the leaflet still in use." as seen on 2017-06-02
    And Bea Okafor records what was found for "With the leaflet in use, how many of the patients who need a TEP have none?" on 2017-06-09: "23% of the patients who need a TEP have none."
    And Ann Facilitator records the learning "The fall held over three cycles: 43%, 27%, then 23%." as learned on 2017-06-09
    And Ann Facilitator decides to adopt and implement the change on 2017-06-09, because "The leaflet stays: the share without a TEP fell from 43% to 23%."
    Then cycle 3 shows that Ann Facilitator decided to adopt, which ends the ramp

    When Bea Okafor pastes these rows into the measure:
      | Month    | Value |
      | Dec 2016 | 43    |
      | Mar 2017 | 27    |
      | Jun 2017 | 23    |
    Then the group's page shows "Patients who need a TEP but have none" at its latest value, "23% in June 2017"
    And the group's page shows the ramp "Ramp 1 — adopted" with its scale growing: "All acute medical admissions at one time point: 128 patients → All acute medical admissions at one time point: 95 patients → All acute medical admissions at one time point: 100 patients"
    And the group's timeline tells the ramp newest first, by when each thing happened, after the group was formed today:
      | What                                                                                                  | Happened on      | Cycle                                                                                             |
      | adopted the change — ramp finished                                                                    | 9 June 2017      | cycle 3 of the ramp “Assess the problem: how many acute medical patients who need a TEP have one” |
      | recorded what was learned                                                                             | 9 June 2017      | cycle 3 of the ramp “Assess the problem: how many acute medical patients who need a TEP have one” |
      | recorded an observation                                                                               | 2 June 2017      | cycle 3 of the ramp “Assess the problem: how many acute medical patients who need a TEP have one” |
      | adopted the change and scaled it up                                                                   | 3 April 2017     | cycle 2 of the ramp “Assess the problem: how many acute medical patients who need a TEP have one” |
      | carried the plan into cycle 3 (scale: “All acute medical admissions at one time point: 100 patients”) | 3 April 2017     | cycle 3 of the ramp “Assess the problem: how many acute medical patients who need a TEP have one” |
      | recorded what was learned                                                                             | 17 March 2017    | cycle 2 of the ramp “Assess the problem: how many acute medical patients who need a TEP have one” |
      | recorded an observation                                                                               | 10 March 2017    | cycle 2 of the ramp “Assess the problem: how many acute medical patients who need a TEP have one” |
      | adapted the change                                                                                    | 9 January 2017   | cycle 1 of the ramp “Assess the problem: how many acute medical patients who need a TEP have one” |
      | carried the plan into cycle 2 (scale: “All acute medical admissions at one time point: 95 patients”)  | 9 January 2017   | cycle 2 of the ramp “Assess the problem: how many acute medical patients who need a TEP have one” |
      | recorded what was learned                                                                             | 16 December 2016 | cycle 1 of the ramp “Assess the problem: how many acute medical patients who need a TEP have one” |
      | recorded an observation                                                                               | 9 December 2016  | cycle 1 of the ramp “Assess the problem: how many acute medical patients who need a TEP have one” |
      | opened cycle 1 (PDSA)                                                                                 | 1 December 2016  | cycle 1 of the ramp “Assess the problem: how many acute medical patients who need a TEP have one” |
    And the history of the whole ramp cites the learning of each cycle before it:
      | Cycle | Scale                                                        | In the light of                                                    |
      | 2     | All acute medical admissions at one time point: 95 patients  | Many who need a TEP have none (43%).                               |
      | 3     | All acute medical admissions at one time point: 100 patients | With the leaflet, fewer who need a TEP go without one: 43% to 27%. |
    And the measure's run chart says "A run chart of 3 points from December 2016 to June 2017. Centre line: median 27. No signals: only random variation."
    And the measure's chart marks the ramp on the days it happened:
      | Cycle 1 opened                 | 1 December 2016 |
      | Cycle 1 adapted                | 9 January 2017  |
      | Cycle 2 opened                 | 9 January 2017  |
      | Cycle 2 adopted and scaling up | 3 April 2017    |
      | Cycle 3 opened                 | 3 April 2017    |
      | Cycle 3 adopted                | 9 June 2017     |
    And cycle 1's page charts the measure only up to the cycle's decision: "A run chart of 1 point, in December 2016"
