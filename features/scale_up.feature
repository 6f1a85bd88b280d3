Feature: Adopt and scale up: a change tested small, then at a larger scale each cycle
  The IHI Model for Improvement asks teams to start small and to widen the test
  with each cycle: one nurse on one shift, then a whole ward for a week, then
  every ward for a month. So each cycle's plan says its scale — who, how many,
  where and for how long — and adopting a change that worked offers two
  choices. "Adopt and scale up" keeps the change and tests it again at a larger
  scale: like adapting, it opens the ramp's next cycle from this cycle's plan,
  naming the learning that shows it is ready to grow. "Adopt and implement"
  keeps the change for good and ends the ramp, as abandoning does. The group's
  page shows the scale growing down the ramp.

  The example carries on the nurse-led catheter removal directive of the
  learning cycle feature (after Leis and Shojania, BMJ Quality & Safety 2017):
  the scales and what is recorded are illustrative, and the people invented.

  Background:
    Given Ann Facilitator has formed the pilot group "General medicine catheter group" with the aim "No patient on our general medical wards keeps a urinary catheter they do not need"
    And Bea Okafor, a ward nurse, is a member of the group
    And Ann Facilitator has opened a cycle with this plan:
      | Objective         | Nurses remove urinary catheters from patients who meet agreed criteria, without waiting for a resident |
      | Question          | Will nurses remove catheters that are no longer needed without waiting for a resident?                 |
      | Prediction        | Yes: as soon as a patient meets the criteria                                                          |
      | What will be done | Check every patient with a catheter against the criteria each morning, and remove it when they are met |
      | Scale             | 1 nurse, 1 shift on Ward 7                                                                            |

  Scenario: Adopt and scale up across three cycles with the scale growing, then adopt and implement
    When Bea Okafor records the observation "Bea removed two catheters on her shift, both from patients who met the criteria."
    And Ann Facilitator compares what happened with the prediction: confirmed, "Both catheters came out the morning the patients met the criteria."
    And Ann Facilitator records the learning "One nurse can apply the criteria on one shift without a resident's help."
    And Ann Facilitator adopts cycle 1 and scales it up into cycle 2, in the light of Ann Facilitator's learning:
      | What changed | It worked for one nurse on one shift: every nurse on Ward 7 tries it for a week. |
      | Scale        | Ward 7, every nurse, 1 week                                                      |
    Then cycle 2 is open at the scale "Ward 7, every nurse, 1 week", scaled up from cycle 1

    When Bea Okafor records the observation "Nurses on Ward 7 removed 11 catheters in the week; residents were asked about none of them."
    And Ann Facilitator compares what happened with the prediction: confirmed, "Every nurse on the ward removed catheters against the criteria."
    And Ann Facilitator records the learning "The whole ward can do it; night shifts need the criteria printed at the station."
    And Ann Facilitator adopts cycle 2 and scales it up into cycle 3, in the light of Ann Facilitator's learning:
      | What changed | Every general medical ward tries it for a month, with the criteria printed at each nurses' station. |
      | Scale        | All 4 general medical wards, 1 month                                                                |
    Then cycle 3 is open at the scale "All 4 general medical wards, 1 month", scaled up from cycle 2

    When Bea Okafor records the observation "On all four wards nurses removed catheters against the criteria, nights included."
    And Ann Facilitator compares what happened with the prediction: confirmed, "Nurses on every ward removed catheters as soon as patients met the criteria."
    And Ann Facilitator records the learning "Nurse-led removal works across general medicine."
    And Ann Facilitator decides to adopt and implement the change, because "The directive becomes standard practice on every general medical ward."
    Then cycle 3 shows that Ann Facilitator decided to adopt, which ends the ramp
    And the group's page shows the ramp "Ramp 1 — adopted" with its scale growing: "1 nurse, 1 shift on Ward 7 → Ward 7, every nurse, 1 week → All 4 general medical wards, 1 month"
    And the history of the whole ramp shows each cycle's scale:
      | Cycle | Scale                                |
      | 1     | 1 nurse, 1 shift on Ward 7           |
      | 2     | Ward 7, every nurse, 1 week          |
      | 3     | All 4 general medical wards, 1 month |

  Scenario: Scaling up without saying the larger scale is refused
    Given Bea Okafor has recorded the observation "Bea removed two catheters on her shift, both from patients who met the criteria."
    And Ann Facilitator has recorded the learning "One nurse can apply the criteria on one shift without a resident's help."
    When Ann Facilitator tries to adopt cycle 1 and scale it up with the scale left blank, in the light of Ann Facilitator's learning
    Then it is refused with "Enter the scale." next to the Scale
    And nothing is recorded
    And the cycle is still open
