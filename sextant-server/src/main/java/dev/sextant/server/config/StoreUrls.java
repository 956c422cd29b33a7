package dev.sextant.server.config;

import java.util.regex.Pattern;

/** JDBC URLs may carry credentials (user:pass@host, password=…); these are masked before a URL is shown. */
final class StoreUrls {
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^@/]*@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");

    private StoreUrls() {
    }

    static String mask(String url) {
        String masked = USER_INFO.matcher(url).replaceAll("$1****@");
        return PASSWORD_PARAM.matcher(masked).replaceAll("$1****");
    }
}
