Feature: Revising a plan in the light of what was learned
  A pilot team tests a change on a small scale, writes down what happened and
  what it learned, and then revises its plan. Every revision must name the
  learning it was made in the light of, so that anyone reading the record later
  can see how the plan changed, who changed it and why.

  In these examples, a hospital ward is testing criteria-led discharge to get
  patients home before noon: doctors write down on the morning ward round what
  each patient must meet to go home, and nurses discharge them as soon as they
  meet it, without waiting for a doctor.

  Background:
    Given Ann Facilitator has formed the pilot group "Ward 7 discharge pilot" with the aim "80% of our patients discharged before noon by March"
    And Bea Okafor, a ward nurse, is a member of the group
    And Ann Facilitator has opened a cycle with this plan:
      | Objective  | Get patients home before noon with criteria-led discharge                                                         |
      | Plan       | Doctors write discharge criteria on the morning ward round. Nurses discharge patients when the criteria are met. |
      | Question   | How many of the 10 patients due to leave on Monday go home before noon?                                          |
      | Prediction | 6 of the 10 go home before noon                                                                                  |

  Scenario: A revised plan cites the reflection behind it, and its history shows every version
    Given Bea Okafor, a ward nurse, has recorded the observation "3 of the 10 went home before noon. Six met their criteria by 10am but waited until after 2pm for their medicines to take home."
    And Bea Okafor has recorded the reflection "We predicted 6 and got 3. The criteria worked; the wait was for pharmacy to make up medicines on the day."
    When Ann Facilitator revises the plan in the light of Bea Okafor's reflection:
      | Plan         | Doctors write discharge criteria on the morning ward round. Pharmacy makes up medicines to take home the evening before. Nurses discharge patients when the criteria are met. |
      | What changed | Medicines to take home are made up the evening before, because waiting for pharmacy on the day kept patients in.                                                           |
    Then Ann Facilitator is back on the cycle, which shows "Version 2 — just saved" with a link to the revision history
    And the plan's history shows 2 versions, oldest first
    And version 1 is the first plan, made by Ann Facilitator
    And version 2 was revised by Ann Facilitator, who wrote "Medicines to take home are made up the evening before, because waiting for pharmacy on the day kept patients in."
    And version 2 was revised in the light of Bea Okafor's reflection "We predicted 6 and got 3. The criteria worked; the wait was for pharmacy to make up medicines on the day."
    And version 2 shows "Pharmacy makes up medicines to take home the evening before." as added to the plan

  Scenario: A revision that names no learning is refused
    Given Bea Okafor, a ward nurse, has recorded the observation "3 of the 10 went home before noon. Six waited until after 2pm for their medicines to take home."
    When Ann Facilitator tries to revise the plan without ticking any learning:
      | Plan         | Doctors write discharge criteria on the morning ward round. Pharmacy makes up medicines to take home the evening before. Nurses discharge patients when the criteria are met. |
      | What changed | Medicines to take home are made up the evening before.                                                                                                                       |
    Then it is refused with the message "Tick the reflection or observation this revision is made in the light of."
    And nothing is recorded
    And the plan's history shows 1 version

  Scenario: A cycle cannot be opened without an objective
    When Ann Facilitator tries to open another cycle with this plan:
      | Objective  |                                                          |
      | Plan       | Nurses discharge patients at weekends as well.           |
      | Question   | How many weekend patients go home before noon?           |
      | Prediction | 4 of the 8 weekend patients go home before noon          |
    Then it is refused with "Enter the objective." next to the objective
    And nothing is recorded
    And the group still has 1 cycle

  Scenario: Nobody can reflect before anything has been observed
    Given nothing has been observed in the cycle yet
    Then the cycle offers no place to record a reflection, and says "Reflect once something has been observed."
    When Bea Okafor, a ward nurse, sends the reflection "Criteria-led discharge gets patients home earlier." anyway
    Then it is refused with the message "Record at least one observation from acting before reflecting."
    And nothing is recorded

  Scenario: An objective longer than 300 characters is refused
    When Ann Facilitator tries to open another cycle with an objective 301 characters long
    Then it is refused with "The objective must be at most 300 characters (it has 301)." next to the objective
    And nothing is recorded
    And the group still has 1 cycle
