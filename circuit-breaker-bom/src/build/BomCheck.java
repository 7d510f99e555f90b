import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The BOM's build check, run by the JDK as a single-file program: {@code java BomCheck.java <parent pom> <bom pom>}.
 * Exits 1, listing every problem, when
 * <ul>
 * <li>a published module (a top-level {@code <module>} of the parent whose name starts with {@code circuit-breaker-},
 *     the BOM aside) is missing from the BOM's {@code dependencyManagement}, or the BOM lists an artifact that is no
 *     such module;</li>
 * <li>an entry is not {@code dev.circuitbreaker:<artifactId>:${project.version}}, or has a type, scope or
 *     classifier;</li>
 * <li>the parent's own {@code dependencyManagement} manages anything outside {@code dev.circuitbreaker}: the BOM
 *     inherits from the parent, so an import of the BOM would pass it on to users' builds.</li>
 * </ul>
 */
public class BomCheck {

    private static final String GROUP = "dev.circuitbreaker";
    private static final String PREFIX = "circuit-breaker-";

    public static void main(String[] args) throws Exception {
        Path parentPom = Path.of(args[0]).toAbsolutePath().normalize();
        Path bomPom = Path.of(args[1]).toAbsolutePath().normalize();
        Element parent = read(parentPom);
        Element bom = read(bomPom);
        String bomArtifact = text(bom, "artifactId");
        List<String> problems = new ArrayList<>();

        Map<String, String> published = new LinkedHashMap<>();   // artifactId -> module directory
        for (Element module : children(child(parent, "modules"), "module")) {
            String dir = module.getTextContent().trim();
            if (!dir.startsWith(PREFIX)) {
                continue;
            }
            Path modulePom = parentPom.getParent().resolve(dir).resolve("pom.xml");
            if (!Files.isRegularFile(modulePom)) {
                problems.add("module " + dir + " of " + parentPom + " has no pom.xml");
                continue;
            }
            String artifactId = text(read(modulePom), "artifactId");
            if (!artifactId.equals(bomArtifact)) {
                published.put(artifactId, dir);
            }
        }

        TreeSet<String> listed = new TreeSet<>();
        for (Element dependency : children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
            String coordinates = text(dependency, "groupId") + ":" + text(dependency, "artifactId") + ":"
                    + text(dependency, "version");
            String artifactId = text(dependency, "artifactId");
            if (!GROUP.equals(text(dependency, "groupId")) || !"${project.version}".equals(text(dependency, "version"))) {
                problems.add("the BOM entry " + coordinates + " must be " + GROUP + ":" + artifactId + ":${project.version}");
            }
            for (String extra : List.of("type", "scope", "classifier")) {
                if (child(dependency, extra) != null) {
                    problems.add("the BOM entry " + coordinates + " must not set <" + extra + ">");
                }
            }
            if (!listed.add(artifactId)) {
                problems.add("the BOM lists " + artifactId + " twice");
            }
            if (!published.containsKey(artifactId)) {
                problems.add("the BOM lists " + artifactId + ", which is not a module of " + parentPom
                        + " (published modules: " + published.keySet() + "); remove the entry, or add the module");
            }
        }
        published.forEach((artifactId, dir) -> {
            if (!listed.contains(artifactId)) {
                problems.add("the published module " + dir + " (parent <modules>) is missing from " + bomPom
                        + "; add to its <dependencyManagement>:\n"
                        + "            <dependency>\n"
                        + "                <groupId>" + GROUP + "</groupId>\n"
                        + "                <artifactId>" + artifactId + "</artifactId>\n"
                        + "                <version>${project.version}</version>\n"
                        + "            </dependency>");
            }
        });

        for (Element dependency : children(child(child(parent, "dependencyManagement"), "dependencies"), "dependency")) {
            if (!GROUP.equals(text(dependency, "groupId"))) {
                problems.add("the parent pom manages " + text(dependency, "groupId") + ":" + text(dependency, "artifactId")
                        + "; the BOM inherits the parent's dependencyManagement and would pass it on to every build "
                        + "that imports the BOM: manage it in the modules that use it instead");
            }
        }

        if (!problems.isEmpty()) {
            System.err.println("[ERROR] " + bomArtifact + " check failed:");
            problems.forEach(p -> System.err.println("[ERROR]   " + p));
            System.exit(1);
        }
        System.out.println("[INFO] " + bomArtifact + " manages every published module: " + listed);
    }

    private static Element read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    /** The first direct child element called {@code name}, or null. */
    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().trim();
    }
}
