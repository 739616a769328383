package dev.gatehouse.shield.detect;

import static dev.gatehouse.shield.detect.Detected.assertFinds;
import static dev.gatehouse.shield.detect.Detected.assertSilent;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsrfUrlTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "http://127.0.0.1/",
        "http://127.8.9.10:8080/admin",
        "https://localhost:3000/api",
        "http://LOCALHOST./",
        "http://app.localhost/",
        "http://10.0.0.5/internal",
        "http://172.16.0.1/",
        "http://172.31.255.255/",
        "http://192.168.1.1/router",
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://100.64.0.1/",
        "http://0.0.0.0:8000/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://[::1]/",
        "http://[0:0:0:0:0:0:0:1]:80/",
        "http://[::]/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[fc00::1]/",
        "http://[fe80::1%25eth0]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:a9fe:a9fe]/",
        "http://[::ffff:192.168.0.1]/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://0177.0.0.1/",
        "http://0x7f.1/",
        "http://127.1/",
        "http://10.1/",
        "http://%31%32%37.0.0.1/",
        "http://user:pw@127.0.0.1/",
        "http://example.com@127.0.0.1/",
        "http://127.0.0.1#@example.com/",
        "http://127.0.0.1\\@example.com/",
        "gopher://127.0.0.1:6379/_FLUSHALL",
      })
  void findsInternalTargets(String url) {
    assertFinds("ssrf-url", "fetch " + url + " please", url);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "https://example.com/",
        "http://8.8.8.8/",
        "http://127.example.com/",
        "http://10.0.0.5.nip.example/",
        "http://172.32.0.1/",
        "http://192.169.0.1/",
        "http://100.128.0.1/",
        "http://[2001:db8::1]/",
        "http://[::ffff:8.8.8.8]/",
        "http://localhost.example.com/",
        "http://mylocalhost/",
        "https://127.0.0.1.example.org/",
        "http://127.0.0.1@example.com/",
        "http://0x7g000001/",
        "http://089.0.0.1/",
        "http://256.0.0.1/",
        "file:///etc/passwd",
        "localhost:8080 without scheme",
      })
  void ignoresPublicTargets(String url) {
    assertSilent("ssrf-url", "fetch " + url + " please");
  }
}
