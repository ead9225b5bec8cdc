package dev.gatewayreports.reportapi.fuzz;

import dev.gatewayreports.model.tenancy.TenantIds;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What every endpoint's generator shares: credentials, query strings, path ids and JSON bodies, made malformed. */
final class Mutations {
    /** Who a request is sent as. */
    enum Auth {
        ORG_ADMIN,
        TEAM_ADMIN,
        MEMBER,
        REPORT_SERVICE,
        FOREIGN,
        INGEST_KEY,
        STATS_KEY,
        ADMIN_KEY,
        NONE,
        GARBAGE
    }

    private static final Set<String> TEAM_FIELDS = Set.of("team_id", "project_id", "workspace_ids[]", "workspace_ids");
    private static final List<String> GARBAGE = List.of(
            "Bearer abc",
            "Bearer a.b.c",
            "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwib3JnX2lkIjoieCIsInJvbGVzIjpbIm9yZ19hZG1pbiJdfQ.",
            "Bearer ",
            "Basic !!!",
            "Basic bm9jb2xvbg==",
            "Basic YXBpOg==",
            "Digest username=x",
            "Bearer sk-svc-0000000000000000",
            "Bearer " + "x".repeat(4_000));
    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json; charset=ISO-8859-1",
            "application/jsonx",
            "application/x-ndjson",
            "application/octet-stream",
            "*/*",
            "garbage");
    private static final List<String> BAD_ESCAPES =
            List.of("%FF", "%C0%80", "%ED%A0%80", "%00", "%E2%82", "%F4%90%80%80", "%zz", "%", "%%41");

    final FuzzValues v;
    final FuzzFixture f;

    Mutations(FuzzValues v, FuzzFixture f) {
        this.v = v;
        this.f = f;
    }

    /** The right credential for the endpoint most of the time, any other (or none, or garbage) otherwise. */
    FuzzRequest auth(FuzzRequest r, Auth right) {
        Auth auth = v.chance(0.85) ? right : v.pick(Arrays.asList(Auth.values()));
        return switch (auth) {
            case ORG_ADMIN -> r.header("Authorization", "Bearer " + f.orgAdmin());
            case TEAM_ADMIN -> r.header("Authorization", "Bearer " + f.teamAdmin());
            case MEMBER -> r.header("Authorization", "Bearer " + f.member());
            case REPORT_SERVICE ->
                r.header("Authorization", "Bearer " + f.reportService())
                        .header(
                                "X-Acting-Organization",
                                v.chance(0.8)
                                        ? f.org()
                                        : v.pick(List.of("", "x", "org_" + "x".repeat(80), "%00", "-x")));
            case FOREIGN -> r.header("Authorization", "Bearer " + f.foreignMember());
            case INGEST_KEY -> key(r, f.ingestKey());
            case STATS_KEY -> key(r, f.statsKey());
            case ADMIN_KEY -> r.header("x-api-key", f.adminKey());
            case NONE -> r;
            case GARBAGE ->
                v.chance(0.3)
                        ? r.header("x-api-key", v.pick(List.of("sk-admin-nope", "sk-svc-nope", "", "x".repeat(300))))
                        : r.header("Authorization", v.pick(GARBAGE));
        };
    }

    private FuzzRequest key(FuzzRequest r, String key) {
        return switch (v.random().nextInt(3)) {
            case 0 -> r.header("x-api-key", key);
            case 1 -> r.header("Authorization", "Bearer " + key);
            default -> r.header("Authorization", FuzzFixture.basic(key));
        };
    }

    /** A malformed string value for a field or parameter; team ids that could be valid get the run's prefix. */
    String text(String name) {
        return team(name, v.text());
    }

    private String team(String name, String value) {
        if (TEAM_FIELDS.contains(name) && TenantIds.problem(value) == null && !value.startsWith(f.prefix())) {
            return f.prefix() + value;
        }
        return value;
    }

    /** A malformed raw JSON value for a field. */
    String json(String name) {
        if (TEAM_FIELDS.contains(name) && v.chance(0.5)) {
            return JsonText.string(text(name));
        }
        String value = v.json();
        if (TEAM_FIELDS.contains(name) && value.startsWith("\"")) {
            return JsonText.string(f.prefix() + "x" + value.hashCode());
        }
        return value;
    }

    /**
     * The query string of the baseline parameters with some of them changed, dropped, repeated or joined by unknown
     * ones; names ending in [] may carry several values. Answers the target and whether it needs a raw socket.
     */
    FuzzRequest query(FuzzRequest r, String path, Map<String, String> baseline, boolean mutate) {
        List<String[]> params = new ArrayList<>();
        baseline.forEach((k, val) -> params.add(new String[] {k, val == null ? null : encode(val)}));
        boolean raw = false;
        if (mutate) {
            int changes = v.between(1, 3);
            for (int i = 0; i < changes; i++) {
                int what = v.random().nextInt(10);
                String[] p = params.isEmpty() ? null : params.get(v.random().nextInt(params.size()));
                if (p == null || what == 0) {
                    params.add(new String[] {encode(v.pick(FuzzValues.STRINGS)), encode(v.text())});
                } else if (what == 1) {
                    params.add(new String[] {p[0], encode(text(p[0]))});
                } else if (what == 2) {
                    params.remove(p);
                } else if (what == 3) {
                    p[1] = v.pick(BAD_ESCAPES);
                    raw |= p[1].contains("%z") || p[1].equals("%") || p[1].startsWith("%%");
                } else {
                    p[1] = encode(text(p[0]));
                }
            }
        }
        StringBuilder target = new StringBuilder(path);
        char sep = '?';
        for (String[] p : params) {
            if (p[1] != null) {
                target.append(sep)
                        .append(p[0].replace("[]", "%5B%5D"))
                        .append('=')
                        .append(p[1]);
                sep = '&';
            }
        }
        FuzzRequest out = new FuzzRequest(r.endpoint(), r.method(), target.toString(), r.headers(), r.body(), r.raw());
        return raw ? out.asRaw() : out;
    }

    /** A path segment: a real id, an id-shaped one, a raw malformed escape or any string, percent-encoded. */
    String pathId(List<String> real) {
        return switch (v.random().nextInt(4)) {
            case 0 -> encode(v.pick(real));
            case 1 -> v.pick(FuzzValues.IDS);
            default -> encode(v.pick(FuzzValues.STRINGS));
        };
    }

    /** The baseline object with one to three fields replaced by malformed values, removed, or added. */
    Map<String, String> fields(Map<String, String> baseline) {
        Map<String, String> out = new LinkedHashMap<>(baseline);
        int changes = v.between(1, 3);
        for (int i = 0; i < changes; i++) {
            List<String> names = new ArrayList<>(out.keySet());
            int what = v.random().nextInt(8);
            if (names.isEmpty() || what == 0) {
                out.put(v.pick(FuzzValues.STRINGS), v.json());
            } else if (what == 1) {
                out.remove(v.pick(names));
            } else {
                String name = v.pick(names);
                out.put(name, json(name));
            }
        }
        return out;
    }

    /**
     * A JSON body for the request: mostly the (already mutated) JSON, otherwise a body-level malformation — the
     * wrong root type, deep nesting, invalid UTF-8, truncation, nothing, a wrong content type or a huge body.
     */
    FuzzRequest body(FuzzRequest r, String json, String contentType) {
        int roll = v.random().nextInt(1000);
        if (roll < 60) {
            return r.body(contentType, v.pick(List.of("[]", "\"x\"", "1", "null", "true", "[{}]", "{}")));
        } else if (roll < 130) {
            int depth = v.pick(List.of(999, 1_001, 5_000, 100_000));
            return r.body(
                    contentType,
                    v.chance(0.5) ? JsonText.nested(depth, json) : "{\"a\":" + JsonText.nested(depth, "1") + "}");
        } else if (roll < 210) {
            return r.body(contentType, invalidUtf8(json.getBytes(StandardCharsets.UTF_8)));
        } else if (roll < 270) {
            String cut = json.substring(0, v.random().nextInt(Math.max(1, json.length())));
            return r.body(contentType, v.chance(0.5) ? cut : json + v.pick(List.of("}", ",", "x", "\u0000", "[")));
        } else if (roll < 310) {
            return r.body(contentType, new byte[0]);
        } else if (roll < 370) {
            return r.body(v.pick(CONTENT_TYPES), json);
        } else if (roll < 373) {
            return r.body(contentType, huge(v.chance(0.5) ? 11 : 17));
        }
        return r.body(contentType, json);
    }

    /** The bytes with a malformed UTF-8 sequence put inside the first string (or at a random place). */
    byte[] invalidUtf8(byte[] bytes) {
        byte[][] sequences = {
            {(byte) 0xFF},
            {(byte) 0x80},
            {(byte) 0xC0, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xFE, (byte) 0xFF}
        };
        byte[] bad = sequences[v.random().nextInt(sequences.length)];
        int at = indexOf(bytes, (byte) '"');
        at = at < 0 || v.chance(0.2) ? v.random().nextInt(bytes.length + 1) : at + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.write(bad, 0, bad.length);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    private static byte[] huge(int mebibytes) {
        byte[] body = new byte[mebibytes << 20];
        Arrays.fill(body, (byte) ' ');
        body[0] = '[';
        body[body.length - 1] = ']';
        return body;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Percent-encodes every byte outside the unreserved set; an unpaired surrogate is written as the three bytes
     * a lenient encoder would make of it (ED A0 80 for U+D800), which is not UTF-8.
     */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if ((ch >= 'a' && ch <= 'z')
                    || (ch >= 'A' && ch <= 'Z')
                    || (ch >= '0' && ch <= '9')
                    || "-_.~".indexOf(ch) >= 0) {
                out.append(ch);
                continue;
            }
            byte[] bytes;
            if (Character.isHighSurrogate(ch)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes = value.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                i++;
            } else if (Character.isSurrogate(ch)) {
                bytes = new byte[] {
                    (byte) (0xE0 | (ch >> 12)), (byte) (0x80 | ((ch >> 6) & 0x3F)), (byte) (0x80 | (ch & 0x3F))
                };
            } else {
                bytes = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
            }
            for (byte b : bytes) {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
