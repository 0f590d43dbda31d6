// The reference for services/delivery/domain/simple_date_format.py: Java's own SimpleDateFormat.
//
// Run as a single-file program (Java 11+):
//   java tests/support/SimpleDateFormatOracle.java            reads "pattern<TAB>epochMillis<TAB>zone"
//                                                              lines on stdin and prints one result per
//                                                              line; a pattern Java refuses prints
//                                                              "!ERROR <exception message>".
//   java tests/support/SimpleDateFormatOracle.java --zone-names
//                                                              prints "zone<TAB>short standard<TAB>long
//                                                              standard<TAB>short daylight<TAB>long daylight"
//                                                              for every zone id this JDK knows, in Locale.US.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.Arrays;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;

public class SimpleDateFormatOracle {
    public static void main(String[] args) throws Exception {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        if (args.length > 0 && args[0].equals("--zone-names")) {
            printZoneNames(out);
        } else {
            formatLines(out);
        }
        out.flush();
    }

    private static void formatLines(PrintWriter out) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.split("\t", -1);
            if (parts.length != 3) {
                out.println("!ERROR bad input line");
                continue;
            }
            try {
                SimpleDateFormat format = new SimpleDateFormat(parts[0], Locale.US);
                format.setTimeZone(TimeZone.getTimeZone(parts[2]));
                out.println(format.format(new Date(Long.parseLong(parts[1]))));
            } catch (IllegalArgumentException error) {
                out.println("!ERROR " + error.getMessage());
            }
        }
    }

    private static void printZoneNames(PrintWriter out) {
        String[] ids = TimeZone.getAvailableIDs();
        Arrays.sort(ids);
        for (String id : ids) {
            TimeZone zone = TimeZone.getTimeZone(id);
            out.println(String.join("\t", id,
                zone.getDisplayName(false, TimeZone.SHORT, Locale.US),
                zone.getDisplayName(false, TimeZone.LONG, Locale.US),
                zone.getDisplayName(true, TimeZone.SHORT, Locale.US),
                zone.getDisplayName(true, TimeZone.LONG, Locale.US)));
        }
    }
}
