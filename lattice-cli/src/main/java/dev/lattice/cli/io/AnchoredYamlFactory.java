package dev.lattice.cli.io;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.Reader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Jackson's YAML factory, with parsers that also report the anchor of a scalar value ({@code COPY: &pv v}); Jackson
 * exposes the anchors of mappings and lists through {@link YAMLParser#getCurrentAnchor()} but drops a scalar
 * value's, and {@link YamlTrees} needs all of them to resolve aliases. Parsing and scalar typing stay Jackson's.
 */
final class AnchoredYamlFactory extends YAMLFactory {
  private static final long serialVersionUID = 1L;

  AnchoredYamlFactory(LoaderOptions options) {
    super(YAMLFactory.builder().loaderOptions(options));
  }

  private AnchoredYamlFactory(YAMLFactoryBuilder builder) {
    super(builder);
  }

  @Override
  public YAMLFactory copy() {
    return new AnchoredYamlFactory(YAMLFactory.builder().loaderOptions(_loaderOptions));
  }

  @Override
  protected YAMLParser _createParser(Reader reader, IOContext context) throws IOException {
    return new Parser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, reader);
  }

  @Override
  protected YAMLParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable)
      throws IOException {
    return new Parser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions,
        new CharArrayReader(data, offset, length));
  }

  private static final class Parser extends YAMLParser {
    Parser(IOContext context, int features, int yamlFeatures, LoaderOptions options, Reader reader) {
      super(context, features, yamlFeatures, options, null, reader);
    }

    @Override
    protected JsonToken _decodeScalar(ScalarEvent scalar) throws IOException {
      JsonToken token = super._decodeScalar(scalar);
      _currentAnchor = scalar.getAnchor(); // only ever called for values, never for keys
      return token;
    }
  }
}
