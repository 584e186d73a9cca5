package dev.lattice.engine.render;

import dev.lattice.api.model.Container;
import dev.lattice.api.model.Resource;
import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.template.Resolution;
import dev.lattice.engine.template.Template;
import dev.lattice.engine.template.TemplateParser;
import dev.lattice.engine.template.TemplateResolver;
import dev.lattice.engine.template.VolumeClaims;
import dev.lattice.engine.validate.VolumeSources;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapEnvSource;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretEnvSource;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders a container's variables, files and volumes. Plain values go to ConfigMaps; a value that is exactly one
 * secret key becomes a {@code secretKeyRef}; a value mixing text and secret keys is assembled by external-secrets.
 * Sidecar variables and files are literal: they are never templated.
 */
public final class ContainerConfigs {
  private final ServiceContext context;
  private final TemplateResolver resolver;

  public ContainerConfigs(ServiceContext context) {
    this.context = context;
    this.resolver = new TemplateResolver(context);
  }

  public ContainerConfig render(Container c) {
    List<HasMetadata> objects = new ArrayList<>();
    List<EnvVar> env = new ArrayList<>();
    List<EnvFromSource> envFrom = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    variables(c, objects, env, envFrom);
    for (String resource : c.envFrom()) {
      envFrom.add(secretEnv(ExternalSecrets.secretName(context, resource)));
    }
    files(c, objects, mounts, volumes);
    volumes(c, mounts, volumes);
    return new ContainerConfig(objects, env, envFrom, mounts, volumes);
  }

  private void variables(Container c, List<HasMetadata> objects, List<EnvVar> env, List<EnvFromSource> envFrom) {
    Map<String, String> plain = new TreeMap<>();
    Map<String, Map<String, List<Object>>> mixedByProvider = new TreeMap<>();
    c.variables().forEach(
        (name, raw) -> {
          List<Object> parts = c.sidecar() ? List.of(raw) : resolve(template(raw, false));
          if (parts.size() == 1 && parts.get(0) instanceof Resolution.SecretKey key) {
            SecretKeySelector selector = new SecretKeySelector();
            selector.setName(ExternalSecrets.secretName(context, key.resource()));
            selector.setKey(key.key());
            EnvVarSource source = new EnvVarSource();
            source.setSecretKeyRef(selector);
            EnvVar variable = new EnvVar();
            variable.setName(name);
            variable.setValueFrom(source);
            env.add(variable);
          } else if (parts.stream().anyMatch(Resolution.SecretKey.class::isInstance)) {
            String provider = parts.stream().filter(Resolution.SecretKey.class::isInstance)
                .map(p -> ((Resolution.SecretKey) p).provider()).findFirst().orElseThrow();
            mixedByProvider.computeIfAbsent(provider, p -> new TreeMap<>()).put(name, parts);
          } else {
            plain.put(name, join(parts));
          }
        });
    if (!plain.isEmpty()) {
      String name = context.name() + "-" + c.name() + "-env";
      ConfigMap configMap = new ConfigMap();
      configMap.setMetadata(Meta.of(context, name));
      configMap.setData(plain);
      objects.add(configMap);
      ConfigMapEnvSource reference = new ConfigMapEnvSource();
      reference.setName(name);
      EnvFromSource source = new EnvFromSource();
      source.setConfigMapRef(reference);
      envFrom.add(source);
    }
    int index = 0;
    for (var entry : mixedByProvider.entrySet()) {
      String name = context.name() + "-" + c.name() + "-env-eso" + (index++ == 0 ? "" : "-" + index);
      objects.add(ExternalSecrets.templated(context, name, entry.getKey(), entry.getValue()));
      envFrom.add(secretEnv(name));
    }
  }

  private static EnvFromSource secretEnv(String secretName) {
    SecretEnvSource reference = new SecretEnvSource();
    reference.setName(secretName);
    EnvFromSource source = new EnvFromSource();
    source.setSecretRef(reference);
    return source;
  }

  private void files(Container c, List<HasMetadata> objects, List<VolumeMount> mounts, List<Volume> volumes) {
    Map<String, String> text = new TreeMap<>();
    Map<String, String> binary = new TreeMap<>();
    List<KeyToPath> items = new ArrayList<>();
    Set<String> secretFileNames = new HashSet<>();
    c.files().forEach(
        (path, file) -> {
          String key = FileKeys.key(path);
          if (file.binaryContent().isPresent()) {
            binary.put(key, file.binaryContent().get().replaceAll("\\s", ""));
          } else if (file.content().isPresent()) {
            String content = file.content().get();
            List<Object> parts =
                c.sidecar() || file.noExpand() ? List.of(content) : resolve(template(content, file.reverseExpand()));
            if (parts.stream().anyMatch(Resolution.SecretKey.class::isInstance)) {
              secretFile(c, path, key, parts, file.mode().orElse(null), secretFileNames, objects, mounts, volumes);
              return;
            }
            text.put(key, join(parts));
          } else {
            return; // source files are reported as not yet derived
          }
          items.add(item(key, file.mode().orElse(null)));
          mounts.add(subPathMount(VolumeNames.of(c.name() + "-files"), path, key));
        });
    if (text.isEmpty() && binary.isEmpty()) {
      return;
    }
    String name = context.name() + "-" + c.name() + "-files";
    var configMap = new ConfigMapBuilder().withMetadata(Meta.of(context, name));
    if (!text.isEmpty()) {
      configMap.withData(text);
    }
    if (!binary.isEmpty()) {
      configMap.withBinaryData(binary);
    }
    objects.add(configMap.build());
    volumes.add(
        new VolumeBuilder().withName(VolumeNames.of(c.name() + "-files"))
            .withNewConfigMap().withName(name).withItems(items).endConfigMap()
            .build());
  }

  private void secretFile(
      Container c, String path, String key, List<Object> parts, String mode, Set<String> taken,
      List<HasMetadata> objects, List<VolumeMount> mounts, List<Volume> volumes) {
    String provider = parts.stream().filter(Resolution.SecretKey.class::isInstance)
        .map(p -> ((Resolution.SecretKey) p).provider()).findFirst().orElseThrow();
    String readable = key.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    String volume = VolumeNames.of(c.name() + "-file-" + key);
    // Lower-casing and dropping characters can map two files to one name (Secret.ini and secret.ini); the second
    // gets the key's hash, or its Secret and volume would replace the first one's.
    if (taken.contains("secret:" + readable) || taken.contains("volume:" + volume)) {
      readable = readable + "-" + VolumeNames.sha256(key).substring(0, 8);
      volume = VolumeNames.of(c.name() + "-file-" + readable);
    }
    taken.add("secret:" + readable);
    taken.add("volume:" + volume);
    String name = context.name() + "-" + c.name() + "-file-" + readable;
    Map<String, List<Object>> values = new LinkedHashMap<>();
    values.put(key, parts);
    objects.add(ExternalSecrets.templated(context, name, provider, values));
    volumes.add(
        new VolumeBuilder().withName(volume)
            .withNewSecret().withSecretName(name).withItems(item(key, mode)).endSecret()
            .build());
    mounts.add(subPathMount(volume, path, key));
  }

  private void volumes(Container c, List<VolumeMount> mounts, List<Volume> volumes) {
    c.volumes().forEach(
        (mountPath, v) -> {
          if (v.source().isPresent()) {
            Resource resource = VolumeSources.resource(context, v.source().get()).orElseThrow();
            String volume = VolumeNames.of("data-" + resource.name());
            if (volumes.stream().noneMatch(existing -> existing.getName().equals(volume))) {
              volumes.add(
                  new VolumeBuilder().withName(volume)
                      .withNewPersistentVolumeClaim().withClaimName(VolumeClaims.claimName(context, resource))
                      .endPersistentVolumeClaim()
                      .build());
            }
            mounts.add(
                new VolumeMountBuilder().withName(volume).withMountPath(mountPath)
                    .withSubPath(v.path().orElse(null)).withReadOnly(v.readOnly() ? true : null)
                    .build());
          } else {
            String volume = VolumeNames.of(c.name() + "-scratch" + mountPath);
            var emptyDir = new VolumeBuilder().withName(volume).withNewEmptyDir();
            v.medium().ifPresent(emptyDir::withMedium);
            v.sizeLimit().ifPresent(size -> emptyDir.withSizeLimit(new Quantity(size)));
            volumes.add(emptyDir.endEmptyDir().build());
            mounts.add(new VolumeMountBuilder().withName(volume).withMountPath(mountPath).build());
          }
        });
  }

  private static KeyToPath item(String key, String mode) {
    var item = new KeyToPathBuilder().withKey(key).withPath(key);
    if (mode != null) {
      item.withMode(Integer.parseInt(mode, 8));
    }
    return item.build();
  }

  private static VolumeMount subPathMount(String volume, String path, String key) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).withSubPath(key).withReadOnly(true).build();
  }

  private static Template template(String text, boolean reverse) {
    // Validation already rejected malformed templates, so a parse failure here is a bug, not a user error.
    return ((TemplateParser.Ok) TemplateParser.parse(text, reverse)).template();
  }

  /** Literal text and secret keys, in order, with every other reference resolved to text. */
  private List<Object> resolve(Template template) {
    List<Object> parts = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (Template.Segment segment : template.segments()) {
      if (segment instanceof Template.Literal literal) {
        pending.append(literal.text());
        continue;
      }
      Resolution resolution = resolver.resolve((Template.Reference) segment);
      if (resolution instanceof Resolution.Value value) {
        pending.append(value.text());
      } else if (resolution instanceof Resolution.SecretKey key) {
        if (pending.length() > 0) {
          parts.add(pending.toString());
          pending.setLength(0);
        }
        parts.add(key);
      } else {
        throw new IllegalStateException("unresolved reference reached rendering: " + segment);
      }
    }
    if (pending.length() > 0 || parts.isEmpty()) {
      parts.add(pending.toString());
    }
    return parts;
  }

  private static String join(List<Object> parts) {
    StringBuilder text = new StringBuilder();
    parts.forEach(text::append);
    return text.toString();
  }
}
