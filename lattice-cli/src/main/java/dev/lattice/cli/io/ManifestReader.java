package dev.lattice.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.Limits;
import dev.lattice.api.model.MappedIntent;
import dev.lattice.api.model.UnknownField;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.hatch.LatticeMeshMember;
import dev.lattice.api.v1alpha1.CedarPolicy;
import dev.lattice.api.v1alpha1.LatticeService;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.Renamed;
import dev.lattice.api.versions.ServedTypes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import dev.lattice.engine.ServiceInput;
import dev.lattice.policy.PolicyDocument;
import dev.lattice.policy.PolicyLibrary;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads LatticeServices from files and directories (recursively, *.yaml, *.yml and *.json, several documents per
 * file; YAML anchors, aliases and merge keys resolved, empty documents skipped).
 * Other kinds are skipped with a note; unreadable input becomes an {@link InputError} with file and line, never an
 * exception.
 */
public final class ManifestReader {
  private static final String LATTICE_GROUP = "lattice.dev/";
  private final YAMLFactory yaml = new AnchoredYamlFactory(loaderOptions());
  private final JsonFactory json = new JsonFactory();

  private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
    org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
    options.setCodePointLimit(Limits.DOCUMENT_CHARS); // per document, not per file
    return options;
  }
  private final ObjectMapper mapper =
      YAMLMapper.builder(yaml).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private final boolean warnDeprecated;

  /** A reader that says nothing about deprecated versions (validate, graph, explain, policy test). */
  public ManifestReader() {
    this(false);
  }

  /** @param warnDeprecated whether each service written in a deprecated version gets a warning (lattice derive) */
  public ManifestReader(boolean warnDeprecated) {
    this.warnDeprecated = warnDeprecated;
  }

  /** The ConfigMap holding platform settings (contact, clusterName, clusterDomain, trustDomain). */
  public static final String PLATFORM_SETTINGS = "lattice-platform";

  /** What one file held; files are read in parallel and merged in path order, so the result is deterministic. */
  private static final class FileContents {
    final List<SourcedService> services = new ArrayList<>();
    final List<PolicyDocument> policies = new ArrayList<>();
    final Map<String, String> platformSettings = new java.util.TreeMap<>();
    final List<SkippedDocument> skipped = new ArrayList<>();
    final List<InputError> errors = new ArrayList<>();
    final List<dev.lattice.api.v1.SecretProvider> secretProviders = new ArrayList<>();
    final List<dev.lattice.api.v1.ImageProvider> imageProviders = new ArrayList<>();
    final List<SourcedPackage> packages = new ArrayList<>();
    final List<dev.lattice.api.v1.LatticeQuota> quotas = new ArrayList<>();
    /** Namespace to its {@code lattice.dev/team} label, from Namespace documents (which are still listed). */
    final Map<String, String> teams = new java.util.TreeMap<>();
  }

  public ReadResult read(List<Path> paths) {
    return read(paths, null);
  }

  /**
   * @param cache what earlier runs read from these files, or null: an unchanged file that held only services is
   *     then not parsed again
   */
  public ReadResult read(List<Path> paths, ReadCache cache) {
    List<InputError> pathErrors = new ArrayList<>();
    List<Path> files = InputFiles.of(paths, pathErrors);
    Optional<InputError> tooMuch = InputBounds.totalSize(files);
    if (tooMuch.isPresent()) {
      return new ReadResult(List.of(), List.of(), Map.of(), List.of(), List.of(tooMuch.get()), ProviderDocuments.NONE,
          List.of());
    }
    List<FileContents> contents = files.parallelStream().map(file -> readFile(file, cache)).toList();
    FileContents all = new FileContents();
    all.errors.addAll(pathErrors);
    for (FileContents file : contents) {
      all.services.addAll(file.services);
      all.policies.addAll(file.policies);
      all.platformSettings.putAll(file.platformSettings);
      all.skipped.addAll(file.skipped);
      all.errors.addAll(file.errors);
      all.secretProviders.addAll(file.secretProviders);
      all.imageProviders.addAll(file.imageProviders);
      all.packages.addAll(file.packages);
      all.quotas.addAll(file.quotas);
      all.teams.putAll(file.teams);
    }
    rejectDuplicates(all.services, all.errors);
    rejectDuplicateProviders(all.secretProviders, all.errors);
    rejectDuplicateProviders(all.imageProviders, all.errors);
    rejectDuplicateProviders(all.quotas, all.errors);
    return new ReadResult(all.services, all.policies, all.platformSettings, all.skipped, all.errors,
        new ProviderDocuments(all.secretProviders, all.imageProviders, all.quotas, new java.util.TreeMap<>(all.teams)),
        all.packages);
  }

  /** The factory that parses {@code file}: JSON for *.json, YAML (anchors resolved) for the rest. */
  static JsonFactory factoryFor(Path file) {
    return InputFiles.isJson(file) ? new JsonFactory() : new AnchoredYamlFactory(loaderOptions());
  }

  private FileContents readFile(Path file, ReadCache cache) {
    String name = file.toString();
    if (cache == null) {
      return parseFile(file, null);
    }
    // The clock only decides whether the file's times are old enough to vouch for it next time (ReadCache).
    long now = System.currentTimeMillis();
    Optional<ReadCache.Stat> stat = ReadCache.stat(file); // before the bytes: a later edit changes the times
    if (stat.isEmpty() || stat.get().size() > Limits.FILE_BYTES) {
      cache.parsed();
      return parseFile(file, null);
    }
    Optional<List<SourcedService>> hit = cache.byStat(name, file, stat.get());
    if (hit.isPresent()) {
      return services(hit.get());
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      cache.parsed();
      return parseFile(file, null);
    }
    String content = ReadCache.content(bytes);
    hit = cache.byContent(name, file, stat.get(), content, now);
    if (hit.isPresent()) {
      return services(hit.get());
    }
    FileContents out = parseFile(file, bytes);
    if (out.errors.isEmpty() && out.skipped.isEmpty() && out.policies.isEmpty() && out.platformSettings.isEmpty()) {
      cache.record(name, stat.get(), content, out.services, now);
    } else {
      cache.parsed();
    }
    return out;
  }

  private static FileContents services(List<SourcedService> services) {
    FileContents out = new FileContents();
    out.services.addAll(services);
    return out;
  }

  /** Reads and parses the file; {@code bytes} when they were read already. */
  private FileContents parseFile(Path file, byte[] bytes) {
    FileContents out = new FileContents();
    String name = file.toString();
    String text;
    Optional<InputError> tooLarge = InputBounds.fileSize(file);
    if (tooLarge.isPresent()) {
      out.errors.add(tooLarge.get());
      return out;
    }
    try {
      text = bytes == null ? Files.readString(file) : utf8(bytes);
    } catch (CharacterCodingException e) {
      out.errors.add(new InputError(name, 0, "the file is not UTF-8 text."));
      return out;
    } catch (NoSuchFileException e) {
      out.errors.add(new InputError(name, 0, "no such file."));
      return out;
    } catch (IOException e) {
      out.errors.add(new InputError(name, 0, "cannot read the file: " + e.getMessage()));
      return out;
    }
    Optional<InputError> longLine = InputBounds.longLine(name, text);
    if (longLine.isPresent()) {
      out.errors.add(longLine.get());
      return out;
    }
    JsonFactory factory = InputFiles.isJson(file) ? json : yaml;
    int[] documents = {-1};
    Optional<TextFrom> from = Optional.of(TextFrom.whole(text));
    while (from.isPresent()) {
      from = parse(name, from.get(), factory, documents, out);
    }
    return out;
  }

  /**
   * Reads the documents of {@code from}; after a syntax error, returns where the next document starts (YAML only:
   * JSON has no document markers), so one broken document never loses the rest of the file.
   */
  private Optional<TextFrom> parse(
      String name, TextFrom from, JsonFactory factory, int[] documents, FileContents out) {
    int offset = from.lineOffset();
    int line = offset + 1;
    try (JsonParser parser = from.open(factory)) {
      JsonToken token;
      int documentIndex = -1;
      while ((token = parser.nextToken()) != null) {
        line = parser.currentTokenLocation().getLineNr() + offset;
        if (token == JsonToken.VALUE_NULL || (token == JsonToken.VALUE_STRING && parser.getText().isEmpty())) {
          continue; // an empty document (a trailing ---, a file of comments), skipped as kubectl does
        }
        if (token != JsonToken.START_OBJECT) {
          out.errors.add(new InputError(name, line, "the document is not a Kubernetes object (a mapping with "
              + "apiVersion, kind and metadata)."));
          parser.skipChildren();
          continue;
        }
        documentIndex++;
        if (++documents[0] >= Limits.DOCUMENTS_PER_FILE) {
          out.errors.add(new InputError(name, line, "the file holds more than " + Limits.DOCUMENTS_PER_FILE
              + " documents; the rest of it is not read. Fix: split it into several files."));
          return Optional.empty();
        }
        YamlTrees.Document read = YamlTrees.read(parser, offset);
        JsonNode document = read.tree();
        SourceLocator locator = SourceLocator.of(document, line, from, documentIndex, factory, read.topLines());
        if (!read.surrogates().isEmpty() && !isLatticeService(document)) {
          read.surrogates().forEach(s -> out.errors.add(new InputError(name, s.line(), s.fieldPath() + ": "
              + LoneSurrogates.problem(s.text()) + " Fix: " + LoneSurrogates.FIX)));
          continue;
        }
        document(name, locator, document, read.surrogates(), out);
      }
      return Optional.empty();
    } catch (YamlTrees.Unreadable e) {
      return broken(name, from, e.line, e.getMessage(), factory, out);
    } catch (JsonProcessingException e) {
      int at = e.getLocation() == null ? line : e.getLocation().getLineNr() + offset;
      return broken(name, from, at, "invalid " + (factory == json ? "JSON" : "YAML") + ": "
          + InputBounds.parserMessage(e.getOriginalMessage()), factory, out);
    } catch (IOException e) {
      out.errors.add(new InputError(name, 0, "cannot read the file: " + e.getMessage()));
      return Optional.empty();
    }
  }

  private Optional<TextFrom> broken(
      String name, TextFrom from, int line, String message, JsonFactory factory, FileContents out) {
    Optional<TextFrom> next = factory == json ? Optional.empty() : from.nextDocument(line);
    out.errors.add(new InputError(name, line, message + next.map(n -> (message.endsWith(".") ? "" : ".")
        + " The documents from line " + (n.lineOffset() + 1) + " on are still read.").orElse("")));
    return next;
  }

  /** The bytes as UTF-8 text, refusing malformed input as {@link Files#readString} does. */
  private static String utf8(byte[] bytes) throws CharacterCodingException {
    return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
  }

  private static boolean isLatticeService(JsonNode document) {
    return document.path("kind").asText("").equals(LatticeService.KIND)
        && served(document.path("apiVersion").asText("")).isPresent();
  }

  /** The served version named exactly (lattice.dev/v1; a bare v1 is some other group's). */
  private static Optional<ApiVersion> served(String apiVersion) {
    return ApiVersion.of(apiVersion).filter(v -> v.apiVersion().equals(apiVersion));
  }

  private void document(
      String file, SourceLocator locator, JsonNode document, List<YamlTrees.Surrogate> surrogates,
      FileContents out) {
    List<SourcedService> services = out.services;
    List<SkippedDocument> skipped = out.skipped;
    List<InputError> errors = out.errors;
    int line = locator.documentLine();
    String apiVersion = document.path("apiVersion").asText("");
    String kind = document.path("kind").asText("");
    String name = document.path("metadata").path("name").asText("");
    if (kind.equals("List") && document.path("items").isArray()) {
      for (JsonNode item : document.path("items")) {
        document(file, locator, item, List.of(), out);
      }
      return;
    }
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      errors.add(new InputError(file, line, "the document has no " + (apiVersion.isEmpty() ? "apiVersion" : "kind")
          + "; every Kubernetes object needs apiVersion and kind (e.g. apiVersion: lattice.dev/v1alpha1, kind: "
          + "LatticeService)."));
      return;
    }
    String namespace = document.path("metadata").path("namespace").asText("default");
    if (kind.equals(CedarPolicy.KIND) && apiVersion.equals(LatticeService.API_VERSION)) {
      policy(file, locator, document, name, namespace, out);
      return;
    }
    if (kind.equals(dev.lattice.api.v1.SecretProvider.KIND)
        && apiVersion.equals(dev.lattice.api.v1.LatticeService.API_VERSION)) {
      provider(file, locator, document, name, dev.lattice.api.v1.SecretProvider.class, out.secretProviders, out);
      return;
    }
    if (kind.equals(dev.lattice.api.v1.ImageProvider.KIND)
        && apiVersion.equals(dev.lattice.api.v1.LatticeService.API_VERSION)) {
      provider(file, locator, document, name, dev.lattice.api.v1.ImageProvider.class, out.imageProviders, out);
      return;
    }
    if (kind.equals(dev.lattice.api.v1.LatticeQuota.KIND)
        && apiVersion.equals(dev.lattice.api.v1.LatticeService.API_VERSION)) {
      if (!namespace.equals(PolicyLibrary.PLATFORM_NAMESPACE)) {
        errors.add(new InputError(file, locator.lineOf("metadata.namespace"),
            dev.lattice.engine.quota.Quotas.outsidePlatform(name, namespace)));
        return;
      }
      provider(file, locator, document, name, dev.lattice.api.v1.LatticeQuota.class, out.quotas, out);
      return;
    }
    if (kind.equals("Namespace") && apiVersion.equals("v1") && !name.isEmpty()) {
      // Listed as skipped like any other object; its team label is what team quotas select on.
      String team = document.path("metadata").path("labels").path("lattice.dev/team").asText("");
      if (!team.isEmpty()) {
        out.teams.put(name, team);
      }
    }
    if (kind.equals(dev.lattice.api.v1.LatticePackage.KIND) && apiVersion.equals(LATTICE_GROUP + "v1")) {
      latticePackage(file, locator, document, name, out);
      return;
    }
    if (kind.equals("ConfigMap") && apiVersion.equals("v1") && name.equals(PLATFORM_SETTINGS)
        && namespace.equals(PolicyLibrary.PLATFORM_NAMESPACE)) {
      document.path("data").fields().forEachRemaining(e -> out.platformSettings.put(e.getKey(),
          e.getValue().asText()));
      return;
    }
    if (kind.equals(LatticeMeshMember.KIND) && apiVersion.equals(LatticeMeshMember.API_VERSION)) {
      meshMember(file, locator, document, name, out);
      return;
    }
    Optional<String> mistake = ServedKinds.mistake(apiVersion, kind);
    if (mistake.isPresent()) {
      errors.add(new InputError(file, locator.lineOf("kind"), mistake.get()));
      return;
    }
    if (!kind.equals(LatticeService.KIND)) {
      String note = apiVersion.startsWith(LATTICE_GROUP)
          ? "not handled by lattice derive in this release"
          : "not a Lattice kind; apply it as it is";
      skipped.add(new SkippedDocument(file, line, apiVersion, kind, name, note));
      return;
    }
    Optional<ApiVersion> version = served(apiVersion);
    if (version.isEmpty()) {
      errors.add(new InputError(file, locator.lineOf("apiVersion"), "apiVersion " + apiVersion + " is not served "
          + "for LatticeService by this release, which serves " + ApiVersion.servedList() + "; use "
          + ApiVersion.STORAGE.apiVersion() + " (lattice migrate --to v1 converts older specs)."));
      return;
    }
    if (name.isEmpty()) {
      errors.add(new InputError(file, line, "the LatticeService has no metadata.name; set metadata.name (and "
          + "metadata.namespace, which defaults to 'default')."));
      return;
    }
    List<Diagnostic> unknown = new ArrayList<>();
    List<UnknownField> ignored = new ArrayList<>();
    HasMetadata resource;
    try {
      resource = mapper.readerFor(ServedTypes.type(version.get()))
          .withHandler(new UnknownFields(version.get(), document, unknown, ignored)).readValue(document);
    } catch (JsonMappingException e) {
      String path = FieldPaths.of(e.getPath());
      errors.add(new InputError(file, locator.lineOf(path), path + ": " + FieldPaths.describeMismatch(e, document,
          path)));
      return;
    } catch (IOException e) {
      errors.add(new InputError(file, line, "cannot read the LatticeService: " + e.getMessage()));
      return;
    }
    String written = resource.getMetadata() == null ? null : resource.getMetadata().getNamespace();
    if (written == null || written.isEmpty()) {
      resource.getMetadata().setNamespace("default");
      unknown.add(new Diagnostic(Reason.NamespaceDefaulted, "metadata.namespace",
          "the LatticeService has no namespace, so it is derived into 'default' (kubectl apply would use the "
              + "namespace of your current context instead).",
          "set metadata.namespace to your team's namespace, e.g. namespace: shop."));
    }
    surrogates.forEach(s -> unknown.add(new Diagnostic(Reason.InvalidUnicode, s.fieldPath(),
        LoneSurrogates.problem(s.text()), LoneSurrogates.FIX)));
    MappedIntent mapped = ServedTypes.map(resource, ignored);
    if (warnDeprecated && version.get().deprecated()) {
      unknown.add(Deprecation.warning(mapped.intent().ref(), version.get(), file));
    }
    List<Diagnostic> intake = new ArrayList<>(unknown);
    intake.addAll(mapped.diagnostics());
    services.add(new SourcedService(new ServiceInput(mapped.intent(), intake), file, locator));
  }

  private void latticePackage(String file, SourceLocator locator, JsonNode document, String name,
      FileContents out) {
    if (name.isEmpty()) {
      out.errors.add(new InputError(file, locator.documentLine(), "the LatticePackage has no metadata.name."));
      return;
    }
    try {
      var resource = mapper.treeToValue(document, dev.lattice.api.v1.LatticePackage.class);
      out.packages.add(new SourcedPackage(dev.lattice.engine.packages.PackageIntent.of(resource, "default"), file,
          locator));
    } catch (JsonMappingException e) {
      String path = FieldPaths.of(e.getPath());
      out.errors.add(new InputError(file, locator.lineOf(path), path + ": " + FieldPaths.describeMismatch(e,
          document, path)));
    } catch (IOException e) {
      out.errors.add(new InputError(file, locator.documentLine(), "cannot read the LatticePackage: "
          + e.getMessage()));
    }
  }

  private void policy(
      String file, SourceLocator locator, JsonNode document, String name, String namespace, FileContents out) {
    List<InputError> errors = out.errors;
    if (name.isEmpty()) {
      errors.add(new InputError(file, locator.documentLine(), "the CedarPolicy has no metadata.name."));
      return;
    }
    try {
      CedarPolicy policy = mapper.treeToValue(document, CedarPolicy.class);
      if (policy.getMetadata().getNamespace() == null) {
        policy.getMetadata().setNamespace(namespace);
      }
      out.policies.add(PolicyDocument.of(policy, file + ":" + locator.documentLine()));
    } catch (JsonMappingException e) {
      String path = FieldPaths.of(e.getPath());
      errors.add(new InputError(file, locator.lineOf(path), path + ": " + FieldPaths.describeMismatch(e, document,
          path)));
    } catch (IOException e) {
      errors.add(new InputError(file, locator.documentLine(), "cannot read the CedarPolicy: " + e.getMessage()));
    }
  }

  /** A provider (cluster-scoped): read as the API server would store it, or an input error at the field. */
  private <T extends HasMetadata> void provider(String file, SourceLocator locator, JsonNode document, String name,
      Class<T> type, List<T> into, FileContents out) {
    String kind = type.getSimpleName();
    if (name.isEmpty()) {
      out.errors.add(new InputError(file, locator.documentLine(), "the " + kind + " has no metadata.name."));
      return;
    }
    try {
      into.add(mapper.treeToValue(document, type));
    } catch (JsonMappingException e) {
      String path = FieldPaths.of(e.getPath());
      out.errors.add(new InputError(file, locator.lineOf(path), path + ": " + FieldPaths.describeMismatch(e,
          document, path)));
    } catch (IOException e) {
      out.errors.add(new InputError(file, locator.documentLine(), "cannot read the " + kind + ": "
          + e.getMessage()));
    }
  }

  /** A mesh member is a fleet node like a service, so every command that reads services sees it. */
  private void meshMember(String file, SourceLocator locator, JsonNode document, String name, FileContents out) {
    if (name.isEmpty()) {
      out.errors.add(new InputError(file, locator.documentLine(), "the LatticeMeshMember has no metadata.name; set "
          + "metadata.name (and metadata.namespace, which defaults to 'default')."));
      return;
    }
    try {
      LatticeMeshMember member = mapper.treeToValue(document, LatticeMeshMember.class);
      List<Diagnostic> intake = new ArrayList<>();
      if (member.getMetadata().getNamespace() == null || member.getMetadata().getNamespace().isEmpty()) {
        member.getMetadata().setNamespace("default");
        intake.add(new Diagnostic(Reason.NamespaceDefaulted, "metadata.namespace",
            "the LatticeMeshMember has no namespace, so it is derived into 'default' (kubectl apply would use the "
                + "namespace of your current context instead).",
            "set metadata.namespace to the namespace of the pods it enrols."));
      }
      out.services.add(new SourcedService(new ServiceInput(member.intent(), intake), file, locator));
    } catch (JsonMappingException e) {
      String path = FieldPaths.of(e.getPath());
      out.errors.add(new InputError(file, locator.lineOf(path), path + ": " + FieldPaths.describeMismatch(e, document,
          path)));
    } catch (IOException e) {
      out.errors.add(new InputError(file, locator.documentLine(), "cannot read the LatticeMeshMember: "
          + e.getMessage()));
    }
  }

  private static void rejectDuplicateProviders(List<? extends HasMetadata> providers, List<InputError> errors) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (var provider : List.copyOf(providers)) {
      if (!seen.add(provider.getMetadata().getName())) {
        providers.remove(provider);
        errors.add(new InputError("", 0, provider.getKind() + " " + provider.getMetadata().getName() + " is given twice; "
            + "the cluster holds one object per name. Fix: remove one of them."));
      }
    }
  }

  private static void rejectDuplicates(List<SourcedService> services, List<InputError> errors) {
    Map<Object, SourcedService> seen = new HashMap<>();
    List<SourcedService> duplicates = new ArrayList<>();
    for (SourcedService service : services) {
      SourcedService first = seen.putIfAbsent(service.input().intent().ref(), service);
      if (first != null) {
        duplicates.add(service);
        errors.add(new InputError(service.file(), service.locator().documentLine(),
            service.input().intent().kindName() + " "
            + service.input().intent().ref() + " is also defined in " + first.file() + ":"
            + first.locator().documentLine() + "; each service must be defined once."));
      }
    }
    services.removeAll(duplicates);
  }

  /** Unknown fields are ignored, as the API server would prune them, but never silently. */
  private static final class UnknownFields extends DeserializationProblemHandler {
    private final ApiVersion version;
    private final JsonNode document;
    private final List<Diagnostic> found;
    private final List<UnknownField> ignored;

    UnknownFields(ApiVersion version, JsonNode document, List<Diagnostic> found, List<UnknownField> ignored) {
      this.version = version;
      this.document = document;
      this.found = found;
      this.ignored = ignored;
    }

    @Override
    public boolean handleUnknownProperty(
        DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer, Object bean, String property)
        throws IOException {
      var pointer = p.getParsingContext().pathAsPointer();
      String path = FieldPaths.fromPointer(pointer.toString());
      String parent = FieldPaths.fromPointer(pointer.head().toString());
      Optional<Renamed> renamed = Renamed.of(version, parent, property);
      if (renamed.isPresent() && !path.startsWith("status")) {
        // A field of another served version: name this version's field, not the nearest spelling.
        found.add(new Diagnostic(Reason.UnknownField, path, renamed.get().problem(), renamed.get().fix()));
        JsonNode holder = document.at(pointer.head());
        ignored.add(new UnknownField(parent, property, renamed.get().meant().filter(m -> !holder.has(m))));
      } else if (!path.startsWith("status")) {
        Collection<Object> known = deserializer.getKnownPropertyNames();
        found.add(new Diagnostic(
            Reason.UnknownField, path,
            "'" + property + "' is not a field here; it is ignored.",
            FieldPaths.suggestion(property, known)));
        // The typo explains a missing field only when the field it stands for is absent from the object.
        JsonNode holder = document.at(pointer.head());
        var meant = FieldPaths.nearest(property, known).filter(m -> !holder.has(m));
        ignored.add(new UnknownField(FieldPaths.fromPointer(pointer.head().toString()), property, meant));
      }
      p.skipChildren();
      return true;
    }
  }
}
