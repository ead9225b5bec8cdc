package dev.gatewayreports.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * Finds the types Jackson writes or reads in a service that a native image would not register for reflection, so
 * that they would serialize as {@code {}} (or fail to deserialize) only in the native executable.
 *
 * <p>It reads the compiled classes (ASM, no class loading) under one package prefix and decides:
 *
 * <ul>
 *   <li><b>JSON types</b>: records and classes in the prefix that
 *       <ol>
 *         <li>carry a Jackson annotation (on the type, a field, a method or a record component);
 *         <li>or appear in a method that hands an object to Jackson or to the HTTP response: {@code Response.ok/
 *             accepted(entity)}, {@code ResponseBuilder.entity}, {@code ContainerResponseContext.setEntity},
 *             {@code ObjectMapper/ObjectWriter/ObjectReader} reads and writes, Vert.x {@code JsonObject.mapFrom/
 *             mapTo}. Every record the method creates ({@code new}), gets back from a call, reads from a field, takes
 *             as a parameter or names as a class literal counts; this over-approximates (a {@code Caller} fetched
 *             beside the entity counts too), which is what the exemptions with a reason are for;
 *         <li>or appear in the signature of a REST client interface method (an interface with JAX-RS HTTP method
 *             annotations);
 *         <li>or are a component, field or type argument of a JSON type.
 *       </ol>
 *   <li><b>Seen by Quarkus</b>: the types in server resource method signatures (parameters, return type and their
 *       type arguments) and their components: Quarkus REST registers those itself ("Writing JSON REST services",
 *       native section). They need no registration.
 *   <li><b>Registered</b>: annotated {@code @RegisterForReflection}, or named in the {@code targets} or {@code
 *       classNames} of one in the scanned classes.
 * </ul>
 *
 * <p>What it cannot see: a plain class (not a record) serialized without any Jackson annotation and outside a sink
 * method's view, types created in one method and handed to a sink in another through a field of type {@code
 * Object}, reflection used by other libraries than Jackson, and anything that only fails at run time for other
 * reasons; the integration tests against the packaged artifact are for those.
 */
public final class NativeReflectionGuard {
    private static final String REGISTER = "Lio/quarkus/runtime/annotations/RegisterForReflection;";
    private static final Set<String> HTTP_METHODS = Set.of(
            "Ljakarta/ws/rs/GET;",
            "Ljakarta/ws/rs/POST;",
            "Ljakarta/ws/rs/PUT;",
            "Ljakarta/ws/rs/DELETE;",
            "Ljakarta/ws/rs/PATCH;",
            "Ljakarta/ws/rs/HEAD;",
            "Ljakarta/ws/rs/OPTIONS;");

    private NativeReflectionGuard() {}

    /** What one scan found, by binary class name ({@code a.b.Outer$Inner}). */
    public record Result(
            int classesScanned, Map<String, String> jsonTypes, Set<String> seenByQuarkus, Set<String> registered) {

        /**
         * JSON types neither Quarkus nor a {@code @RegisterForReflection} registers, with why each is JSON. {@code
         * exempt} names types (or packages, ending in a dot) that Jackson never sees, each with the reason.
         */
        public Map<String, String> unregistered(Map<String, String> exempt) {
            Map<String, String> missing = new TreeMap<>();
            jsonTypes.forEach((type, why) -> {
                boolean exempted = exempt.keySet().stream()
                        .anyMatch(e -> e.equals(type) || (e.endsWith(".") && type.startsWith(e)));
                if (!seenByQuarkus.contains(type) && !registered.contains(type) && !exempted) {
                    missing.put(type, why);
                }
            });
            return missing;
        }
    }

    /**
     * Scans the class files under {@code packagePrefix} in the class-path roots (directories or jars) the anchor
     * classes were loaded from.
     */
    public static Result scan(String packagePrefix, Class<?>... anchors) {
        String prefix = packagePrefix.replace('.', '/') + "/";
        Map<String, ClassFacts> classes = new LinkedHashMap<>();
        for (Class<?> anchor : anchors) {
            for (byte[] bytes : classFiles(root(anchor), prefix)) {
                ClassFacts facts = ClassFacts.read(bytes);
                classes.putIfAbsent(facts.name, facts);
            }
        }
        return decide(classes);
    }

    private static Result decide(Map<String, ClassFacts> classes) {
        Map<String, String> json = new TreeMap<>();
        Set<String> quarkus = new TreeSet<>();
        Set<String> registered = new TreeSet<>();
        for (ClassFacts c : classes.values()) {
            if (c.registered) {
                registered.add(c.name);
            }
            registered.addAll(c.registersOthers);
            if (c.jacksonAnnotated) {
                json.putIfAbsent(c.name, "carries Jackson annotations");
            }
            for (MethodFacts m : c.methods) {
                if (m.sink != null) {
                    for (String t : m.touched) {
                        if (candidate(classes, t)) {
                            json.putIfAbsent(t, "near " + m.sink + " in " + c.simple() + "." + m.name);
                        }
                    }
                }
                if (m.http && c.isInterface) {
                    for (String t : m.signatureTypes) {
                        if (candidate(classes, t)) {
                            json.putIfAbsent(t, "REST client signature " + c.simple() + "." + m.name);
                        }
                    }
                } else if (m.http) {
                    quarkus.addAll(m.signatureTypes);
                }
            }
        }
        close(classes, json, true);
        Map<String, String> seen = new TreeMap<>();
        quarkus.forEach(t -> seen.put(t, "resource signature"));
        close(classes, seen, false);
        return new Result(classes.size(), json, seen.keySet(), registered);
    }

    /** Adds every in-prefix component, field or type argument type of the types already in the map. */
    private static void close(Map<String, ClassFacts> classes, Map<String, String> types, boolean recordsOnly) {
        List<String> work = new ArrayList<>(types.keySet());
        while (!work.isEmpty()) {
            String t = work.remove(work.size() - 1);
            ClassFacts c = classes.get(t);
            if (c == null) {
                continue;
            }
            for (String member : c.memberTypes) {
                boolean fits = recordsOnly ? candidate(classes, member) : classes.containsKey(member);
                if (fits && !types.containsKey(member)) {
                    types.put(member, "component of " + c.simple());
                    work.add(member);
                }
            }
        }
    }

    /** Records (and Jackson-annotated types) of the scanned prefix: what Jackson maps field by field. */
    private static boolean candidate(Map<String, ClassFacts> classes, String type) {
        ClassFacts c = classes.get(type);
        return c != null && (c.isRecord || c.jacksonAnnotated);
    }

    private static Path root(Class<?> anchor) {
        try {
            return Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("class-path root of " + anchor, e);
        }
    }

    private static List<byte[]> classFiles(Path root, String prefix) {
        List<byte[]> out = new ArrayList<>();
        try {
            if (Files.isDirectory(root)) {
                Path dir = root.resolve(prefix);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.walk(dir)) {
                        for (Path p : files.filter(f -> f.toString().endsWith(".class"))
                                .toList()) {
                            out.add(Files.readAllBytes(p));
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(root.toFile())) {
                    var entries = jar.stream()
                            .filter(e -> e.getName().startsWith(prefix)
                                    && e.getName().endsWith(".class"))
                            .toList();
                    for (var e : entries) {
                        try (InputStream in = jar.getInputStream(e)) {
                            out.add(in.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean jackson(String descriptor) {
        return descriptor.startsWith("Lcom/fasterxml/jackson/annotation/")
                || descriptor.startsWith("Lcom/fasterxml/jackson/databind/annotation/");
    }

    /** Binary names of every class type in a descriptor or generic signature. */
    private static Set<String> typesIn(String signatureOrDescriptor) {
        Set<String> out = new TreeSet<>();
        if (signatureOrDescriptor == null) {
            return out;
        }
        new SignatureReader(signatureOrDescriptor).accept(new SignatureVisitor(Opcodes.ASM9) {
            private String outer;

            @Override
            public void visitClassType(String name) {
                outer = name;
                out.add(name.replace('/', '.'));
            }

            @Override
            public void visitInnerClassType(String name) {
                outer = outer + "$" + name;
                out.add(outer.replace('/', '.'));
            }
        });
        return out;
    }

    /** The sink a call is, or null: where an object becomes JSON or a response body. */
    private static String sink(String owner, String name, String descriptor) {
        boolean takesObject = descriptor.contains("Ljava/lang/Object;");
        return switch (owner) {
            case "jakarta/ws/rs/core/Response", "org/jboss/resteasy/reactive/RestResponse" ->
                takesObject && (name.equals("ok") || name.equals("accepted")) ? "Response." + name : null;
            case "jakarta/ws/rs/core/Response$ResponseBuilder",
                    "org/jboss/resteasy/reactive/RestResponse$ResponseBuilder" ->
                name.equals("entity") ? "ResponseBuilder.entity" : null;
            case "jakarta/ws/rs/container/ContainerResponseContext" ->
                name.equals("setEntity") ? "ContainerResponseContext.setEntity" : null;
            case "com/fasterxml/jackson/databind/ObjectMapper",
                    "com/fasterxml/jackson/databind/ObjectWriter",
                    "com/fasterxml/jackson/databind/ObjectReader",
                    "com/fasterxml/jackson/databind/json/JsonMapper" ->
                name.startsWith("write")
                                || name.startsWith("read")
                                || name.equals("convertValue")
                                || name.equals("valueToTree")
                                || name.equals("treeToValue")
                                || name.equals("forType")
                                || name.equals("updateValue")
                        ? owner.substring(owner.lastIndexOf('/') + 1) + "." + name
                        : null;
            case "io/vertx/core/json/JsonObject" ->
                name.equals("mapFrom") || name.equals("mapTo") ? "JsonObject." + name : null;
            default -> null;
        };
    }

    private static final class MethodFacts {
        final String name;
        final Set<String> signatureTypes;
        final Set<String> touched = new TreeSet<>();
        boolean http;
        String sink;

        MethodFacts(String name, String descriptor, String signature) {
            this.name = name;
            this.signatureTypes = typesIn(signature != null ? signature : descriptor);
            touched.addAll(typesIn(descriptor));
        }
    }

    private static final class ClassFacts {
        String name;
        boolean isRecord;
        boolean isInterface;
        boolean registered;
        boolean jacksonAnnotated;
        final Set<String> registersOthers = new TreeSet<>();
        final Set<String> memberTypes = new TreeSet<>();
        final List<MethodFacts> methods = new ArrayList<>();

        String simple() {
            return name.substring(name.lastIndexOf('.') + 1);
        }

        static ClassFacts read(byte[] bytes) {
            ClassFacts c = new ClassFacts();
            new ClassReader(bytes).accept(c.visitor(), ClassReader.SKIP_FRAMES);
            return c;
        }

        private AnnotationVisitor annotation(String descriptor) {
            if (jackson(descriptor)) {
                jacksonAnnotated = true;
            }
            if (!REGISTER.equals(descriptor)) {
                return null;
            }
            registered = true;
            return new AnnotationVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitArray(String attribute) {
                    return new AnnotationVisitor(Opcodes.ASM9) {
                        @Override
                        public void visit(String unused, Object value) {
                            if ("targets".equals(attribute) && value instanceof Type t) {
                                registersOthers.add(t.getClassName());
                            } else if ("classNames".equals(attribute) && value instanceof String s) {
                                registersOthers.add(s);
                            }
                        }
                    };
                }
            };
        }

        private ClassVisitor visitor() {
            return new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visit(
                        int version, int access, String n, String signature, String superName, String[] ifaces) {
                    name = n.replace('/', '.');
                    isRecord = (access & Opcodes.ACC_RECORD) != 0 || "java/lang/Record".equals(superName);
                    isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
                }

                @Override
                public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                    return annotation(descriptor);
                }

                @Override
                public RecordComponentVisitor visitRecordComponent(String n, String descriptor, String signature) {
                    memberTypes.addAll(typesIn(signature != null ? signature : descriptor));
                    return new RecordComponentVisitor(Opcodes.ASM9) {
                        @Override
                        public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                            jacksonAnnotated |= jackson(d);
                            return null;
                        }
                    };
                }

                @Override
                public FieldVisitor visitField(int access, String n, String d, String signature, Object value) {
                    if ((access & Opcodes.ACC_STATIC) == 0) {
                        memberTypes.addAll(typesIn(signature != null ? signature : d));
                    }
                    return new FieldVisitor(Opcodes.ASM9) {
                        @Override
                        public AnnotationVisitor visitAnnotation(String ad, boolean visible) {
                            jacksonAnnotated |= jackson(ad);
                            return null;
                        }
                    };
                }

                @Override
                public MethodVisitor visitMethod(int access, String n, String d, String signature, String[] ex) {
                    MethodFacts m = new MethodFacts(n, d, signature);
                    methods.add(m);
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public AnnotationVisitor visitAnnotation(String ad, boolean visible) {
                            jacksonAnnotated |= jackson(ad);
                            m.http |= HTTP_METHODS.contains(ad);
                            return null;
                        }

                        @Override
                        public void visitTypeInsn(int opcode, String type) {
                            if (opcode == Opcodes.NEW) {
                                m.touched.add(Type.getObjectType(type).getClassName());
                            }
                        }

                        @Override
                        public void visitFieldInsn(int opcode, String owner, String field, String descriptor) {
                            m.touched.addAll(typesIn(descriptor));
                        }

                        @Override
                        public void visitMethodInsn(
                                int opcode, String owner, String method, String descriptor, boolean itf) {
                            String s = sink(owner, method, descriptor);
                            if (s != null && m.sink == null) {
                                m.sink = s;
                            }
                            m.touched.addAll(
                                    typesIn(Type.getReturnType(descriptor).getDescriptor()));
                        }

                        @Override
                        public void visitLdcInsn(Object value) {
                            if (value instanceof Type t && t.getSort() == Type.OBJECT) {
                                m.touched.add(t.getClassName());
                            }
                        }

                        @Override
                        public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                            m.touched.addAll(typesIn(Type.getReturnType(d).getDescriptor()));
                        }
                    };
                }
            };
        }
    }
}
