Feature: Signing out and changing a password end sessions for good
  Ward computers are shared and phones get lost. Signing out has to end the
  session on the server, not only in one browser, so that a copy of it kept
  anywhere else opens nothing. Changing a password signs the person out
  everywhere else, and keeps them signed in where they changed it.

  Background:
    Given Ann Facilitator has formed the pilot group "Ward 7 discharge group" with the aim "80% of patients home before noon"
    And Bea Okafor, a ward nurse, is a member of the group

  Scenario: After signing out, a copy of the session opens nothing
    Given Bea Okafor is signed in on the ward computer
    And someone has copied the ward computer's session
    When Bea Okafor signs out on the ward computer
    Then the copied session opens only the sign-in page

  Scenario: Changing a password signs out every other device, and not this one
    Given Bea Okafor is signed in on the ward computer
    And Bea Okafor is signed in on her phone
    When Bea Okafor changes her password on her phone to "a much longer passphrase"
    Then her phone is still signed in as Bea Okafor
    And the ward computer opens only the sign-in page
    And Bea Okafor can sign in with "a much longer passphrase" but no longer with her old password
