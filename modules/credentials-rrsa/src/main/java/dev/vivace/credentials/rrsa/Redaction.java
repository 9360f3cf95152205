package dev.vivace.credentials.rrsa;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Scrubs text that may come from a vendor library before it reaches a message or a log line. */
final class Redaction {

  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
  private static final Pattern URL_QUERY = Pattern.compile("(https?://[^\\s?\"']+)\\?[^\\s\"']*");
  private static final Pattern SECRET_PARAM =
      Pattern.compile(
          "(?i)(OIDCToken|SecurityToken|AccessKeySecret|Signature)([\"']?\\s*[=:]\\s*[\"']?)[^\\s&\"',}]+");

  /** Removes JWTs, URL query strings and secret-named parameters; caps the length at 500. */
  static String scrub(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String s = JWT.matcher(text).replaceAll("<redacted-jwt>");
    s = URL_QUERY.matcher(s).replaceAll("$1?<redacted-query>");
    s = SECRET_PARAM.matcher(s).replaceAll("$1$2<redacted>");
    s = s.replaceAll("[\\r\\n]+", " ");
    return s.length() > 500 ? s.substring(0, 500) + "…" : s;
  }

  private Redaction() {}
}
