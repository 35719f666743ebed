package io.nodeward.host;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EditDistanceTest {

    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, EditDistance.atMost("port", "port", 3));
        assertEquals(1, EditDistance.atMost("confg", "config", 3));
        assertEquals(1, EditDistance.atMost("config", "confg", 3));
        assertEquals(1, EditDistance.atMost("mode", "node", 3));
        assertEquals(3, EditDistance.atMost("kitten", "sitting", 3));
        assertEquals(2, EditDistance.atMost("permit_root_login", "permitrootlogin", 3));
    }

    @Test
    void stopsAtTheLimit() {
        assertEquals(3, EditDistance.atMost("kitten", "sitting", 2));
        assertEquals(2, EditDistance.atMost("abcdef", "uvwxyz", 1));
        assertEquals(1, EditDistance.atMost("a", "a".repeat(10_000), 0));
        assertEquals(0, EditDistance.atMost("", "", 0));
        assertEquals(2, EditDistance.atMost("", "ab", 5));
    }
}
