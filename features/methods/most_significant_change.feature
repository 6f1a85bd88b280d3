@use-learn-from-others
Feature: Most Significant Change — a panel chooses the story of change that matters most
  Most Significant Change is set out in Rick Davies and Jess Dart's guide, "The
  'Most Significant Change' (MSC) Technique" (2005). Instead of counting against
  indicators set in advance, people are asked to tell, in their own words, the
  most significant change they have seen and why it matters to them. A panel
  reads the stories together, chooses the one it finds most significant, writes
  down why, and feeds that back, so everyone learns what the organisation values.

  In Learnloop a facilitator opens a cycle following Most Significant Change;
  the cycle's group is the panel. Collecting stories is the act step: anyone who
  can read the panel's cycle may bring a story from a group they record in, so
  when the panel's group shares its learning with the whole organisation, stories
  travel to it from other teams. Reflecting is the panel's choice: its members
  choose the most significant story and say why. Once the panel has chosen, the
  stories for that period are closed, and the choice counts as learning, so the
  group can then adopt, adapt or abandon, as in any cycle.

  In these examples a council's adult social care service asks what difference
  its new way of leaving hospital has made. Its hospital social work team forms
  the panel; the reablement team, which supports people at home for their first
  weeks, brings stories too. The people are invented.

  Background:
    Given Ann Facilitator has formed the pilot group "Hospital social work team" with the aim "People leave hospital to the support they choose, without waiting for a care package"
    And Bea Okafor, a hospital social worker, is a member of the group
    And Ann Facilitator shares the group's learning organisation-wide
    And Cat Nwosu has formed a second pilot group "Reablement team" that shares its learning organisation-wide
    And Dan Reyes, a reablement support worker, is a member of the second group
    And Ann Facilitator has opened a cycle following Most Significant Change with this plan:
      | Objective  | Learn what has changed for people since they leave hospital home first, with reablement                   |
      | Question   | Looking back over the last three months, what was the most significant change for the people we support? |
      | Prediction | Stories will be about leaving hospital sooner                                                           |

  Scenario: Stories come from two teams, the panel chooses one and says why, and the group adopts the change
    When Bea Okafor, a hospital social worker, brings a story from "Hospital social work team":
      | Title                                    | Home for her husband's birthday                                                                                 |
      | Told by                                  | Mrs Patel, aged 84                                                                                              |
      | The story — what changed?                | She went home two days after her fall instead of waiting three weeks in hospital for a care package.           |
      | Why it matters to the person who told it | She was home for her husband's 90th birthday, and she says she would have given up if she had stayed on the ward. |
    And Dan Reyes, a reablement support worker, brings a story from "Reablement team":
      | Title                                    | Making his own breakfast again                                                                              |
      | Told by                                  | Mr Jones, aged 79                                                                                           |
      | The story — what changed?                | After six weeks of reablement he makes his own breakfast and walks to the shop, and needs no care package. |
      | Why it matters to the person who told it | He feels he is running his own life again, not waiting for carers to arrive.                               |
    Then Dan Reyes could bring a story only from "Reablement team"
    And the panel has 2 stories, from "Hospital social work team" and "Reablement team"
    When Ann Facilitator records the panel's choice of "Making his own breakfast again", because "It shows reablement changing what a person can do for himself, not only where he waits. We will tell the reablement and hospital teams that this is the change we value most."
    Then the story "Making his own breakfast again" is marked as chosen by the panel, because "It shows reablement changing what a person can do for himself, not only where he waits. We will tell the reablement and hospital teams that this is the change we value most."
    When Ann Facilitator decides to adopt the change, because "Home first with reablement is what people value most: it becomes how we work across the service."
    Then the cycle is closed, decided to adopt

  Scenario: Once the panel has chosen, stories for the period are closed
    Given Bea Okafor has brought a story from "Hospital social work team":
      | Title                                    | Home for her husband's birthday                                                                       |
      | Told by                                  | Mrs Patel, aged 84                                                                                    |
      | The story — what changed?                | She went home two days after her fall instead of waiting three weeks in hospital for a care package. |
      | Why it matters to the person who told it | She was home for her husband's 90th birthday.                                                        |
    And Ann Facilitator has recorded the panel's choice of "Home for her husband's birthday", because "It is the change people leaving hospital tell us about most."
    Then the cycle offers no way to bring another story
    When Dan Reyes, a reablement support worker, sends a story from "Reablement team" anyway:
      | Title                                    | Making his own breakfast again                                        |
      | Told by                                  | Mr Jones, aged 79                                                     |
      | The story — what changed?                | He makes his own breakfast and walks to the shop.                     |
      | Why it matters to the person who told it | He feels he is running his own life again.                            |
    Then it is refused with the message "The panel has already chosen; stories for this period are closed. Tell it in the next cycle."
    And nothing is recorded

  Scenario: The panel's choice must say why it chose the story
    Given Bea Okafor has brought a story from "Hospital social work team":
      | Title                                    | Home for her husband's birthday                                                                       |
      | Told by                                  | Mrs Patel, aged 84                                                                                    |
      | The story — what changed?                | She went home two days after her fall instead of waiting three weeks in hospital for a care package. |
      | Why it matters to the person who told it | She was home for her husband's 90th birthday.                                                        |
    When Ann Facilitator records the panel's choice of "Home for her husband's birthday" without saying why
    Then it is refused with the message "Enter why the panel chose it."
    And nothing is recorded
    And no story is marked as chosen by the panel
