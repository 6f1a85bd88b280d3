Feature: Reading the record of what a group learned
  Sponsors and members read the record rather than write it: what happened in a
  group, what was learned across groups, which groups need help, and how a page
  looked on an earlier day. Nothing here changes the record.

  Background:
    Given Ann Facilitator runs the pilot group "Ward 7 discharge pilot"
    And the group has a cycle where Ann observed "Six patients waited for medicines"
    And Ann recorded the learning "Medicines must be ordered the evening before"

  Scenario: The timeline tells what happened, newest first, in words
    When Ann reads the group's timeline
    Then the first event reads "recorded what was learned: “Medicines must be ordered the evening before”"
    And it links to "cycle 1 of the ramp “Criteria-led discharge”"
    And an earlier event reads "formed the group “Ward 7 discharge pilot”"

  Scenario: The timeline names each decision, and says when one finished a ramp
    Given Ann decided to abandon the cycle, because "The pharmacy cannot take orders the evening before"
    When Ann reads the group's timeline
    Then the first event reads "abandoned the change — ramp finished: “The pharmacy cannot take orders the evening before”"

  Scenario: The learning library finds what was learned by its words
    When Ann searches the learning library for "evening medicines"
    Then the library shows "Medicines must be ordered the evening before"
    When Ann searches the learning library for "porters"
    Then the library says nothing matches "porters"

  Scenario: The library's search finds what was meant, whatever the form or case of the words
    Given Ann recorded the learning "The nurse can discharge a patient before the ward round"
    When Ann searches the learning library for "NURSES Discharges"
    Then the library shows "The nurse can discharge a patient before the ward round"
    When Ann searches the learning library for "nurses and pharm"
    Then the library says nothing matches "nurses and pharm"
    When Ann searches the learning library for "nurses and disch"
    Then the library shows "The nurse can discharge a patient before the ward round"

  Scenario: A search shows the closest match first; the library alone shows the newest first
    Given Ann recorded the learning "Book porters early: porters are busiest when porters change shift"
    And Ann recorded the learning "Ask pharmacy before noon, or the porters wait"
    When Ann searches the learning library for "porters"
    Then "Book porters early" is listed before "Ask pharmacy before noon"
    When Ann opens the learning library
    Then "Ask pharmacy before noon" is listed before "Book porters early"

  Scenario: Whatever is typed into the search, only its words are searched for
    When Ann searches the learning library for ""medicines" AND -"evening" OR ordered* NOT: (before)'); --"
    Then the library shows "Medicines must be ordered the evening before"

  Scenario: A group asking for help comes first on the dashboard
    Given Ann also runs the pilot group "Quiet ward"
    And Ann asks for help on the first group: "Who can sign the medicines order?"
    When Ann opens her dashboard
    Then "Ward 7 discharge pilot" is listed before "Quiet ward"
    And it shows 1 open request for help: "“Who can sign the medicines order?” — asked today"
    And it says the first group is at "cycle 1 in Reflect"

  Scenario: The dashboard says what was decided, and that a request for help outlived its cycle
    Given Ann asks for help on the first group: "Who can sign the medicines order?"
    And Ann decided to abandon the cycle, because "The pharmacy cannot take orders the evening before"
    When Ann opens her dashboard
    Then it says the first group is at "cycle 1 abandoned — ramp finished"
    And it shows 1 open request for help: "“Who can sign the medicines order?” — asked today · its cycle was abandoned"

  Scenario: A page seen as it was recorded at a moment shows what was known then, read-only
    When Ann looks at the cycle as it was recorded the second after her learning
    Then the page says it is a past view, as it was recorded by then
    And it shows "Medicines must be ordered the evening before"
    And it offers no way to record anything

  Scenario: A long journal shows its newest entries and pages back to the older ones
    Given Ann recorded 35 more pieces of learning in the cycle
    When Ann reads the cycle
    Then it shows the newest 30 pieces of learning, and offers "Earlier entries (6 more)"
    When Ann follows "Earlier entries"
    Then it shows the 6 oldest, the first of them "Medicines must be ordered the evening before"

  Scenario: Many requests for help show the newest first, a page at a time
    Given Ann asked for help 12 times in the cycle
    When Ann reads the cycle
    Then it shows the newest 10 requests for help, and offers "Earlier requests for help (2 more)"
    When Ann follows "Earlier requests for help"
    Then it shows the 2 oldest requests for help, the last of them "Help 1: who signs the order?"
    And it offers "Newest requests for help"

  Scenario: A cycle no one asked for help on says so
    When Ann reads the cycle
    Then the page says "No one has asked for help on this cycle."
