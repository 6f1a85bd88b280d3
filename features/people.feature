Feature: A group's people on a page of their own
  The group page is about the group's work: its aim, its ramps, its measures. It
  names who is in the group and what each may do, and links to the People page,
  where a facilitator invites people, changes their roles and chooses whether the
  group's learning is shared. Members and sponsors see the People page too, but
  nothing there they cannot do.

  Background:
    Given Ann Facilitator has formed the pilot group "Ward 7 discharge group" with the aim "80% of patients home before noon"
    And Bea Okafor, a ward nurse, is a member of the group

  Scenario: The group page names its people; the facilitator looks after them on the People page
    When Ann Facilitator opens the group's page
    Then it names Ann Facilitator as facilitator and Bea Okafor as member
    And it offers no invitation
    When Ann Facilitator follows "Invite people, change roles and sharing"
    Then the page is "People in Ward 7 discharge group"
    And it offers to invite someone, change roles and save sharing

  Scenario: A member sees who is in the group but cannot invite
    When Bea Okafor opens the group's page
    And Bea Okafor follows "Everyone in the group and their roles"
    Then the page is "People in Ward 7 discharge group"
    And it names Ann Facilitator as facilitator and Bea Okafor as member
    And it offers no invitation
