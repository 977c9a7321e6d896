package dev.actorshop.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTokensTest {
  @Test
  void aNewTokenNamesItsUserAndCarries256RandomBits() {
    String token = SessionTokens.newToken("alice.b-c_d");
    assertEquals(Optional.of("alice.b-c_d"), SessionTokens.userIdOf(token));
    assertEquals("alice.b-c_d.".length() + 43, token.length());
    assertNotEquals(token, SessionTokens.newToken("alice.b-c_d"));
  }

  @Test
  void malformedTokensNameNoUser() {
    String random = SessionTokens.newToken("bob").substring(4);
    for (String bad : new String[] {
        "garbage", "bob.", ".abc", "bob.short", "Bob." + random, "b." + random, "bob." + random + "x",
        "bob." + random.substring(1) + "!", "bad name." + random}) {
      assertTrue(SessionTokens.userIdOf(bad).isEmpty(), bad);
    }
  }

  @Test
  void onlyTheHashIsStoredAndItIsStable() {
    String token = SessionTokens.newToken("carol");
    assertEquals(SessionTokens.hash(token), SessionTokens.hash(token));
    assertEquals(64, SessionTokens.hash(token).length());
    assertTrue(!SessionTokens.hash(token).contains(token));
  }
}
