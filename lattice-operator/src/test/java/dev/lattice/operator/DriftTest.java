package dev.lattice.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DriftTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void fieldsOthersAddAreNoDifference() throws Exception {
    JsonNode desired = json("{'spec':{'template':{'containers':[{'name':'main','image':'a:1',"
        + "'ports':[{'containerPort':8080}]}]}}}");
    JsonNode live = json("{'spec':{'replicas':4,'template':{'containers':[{'name':'main','image':'a:1',"
        + "'imagePullPolicy':'IfNotPresent','ports':[{'containerPort':8080,'protocol':'TCP'}]}]}},"
        + "'metadata':{'annotations':{'team':'alice'}}}");
    assertThat(Drift.covers(desired, live)).isTrue();
  }

  @Test
  void aChangedOrMissingFieldLatticeSetsIsDrift() throws Exception {
    JsonNode desired = json("{'spec':{'containers':[{'name':'main','image':'a:1'}]}}");
    assertThat(Drift.covers(desired, json("{'spec':{'containers':[{'name':'main','image':'evil:6'}]}}"))).isFalse();
    assertThat(Drift.covers(desired, json("{'spec':{'containers':[{'name':'main'}]}}"))).isFalse();
    assertThat(Drift.covers(desired, json("{'spec':{'containers':[{'name':'main','image':'a:1'},{'name':'x'}]}}")))
        .as("a list Lattice sets is Lattice's whole list").isFalse();
  }

  @Test
  void numbersAsTheApiServerStoresThemAndDroppedEmptyValuesAgree() throws Exception {
    assertThat(Drift.covers(json("{'port':80,'targetPort':'8080','args':[],'emptyDir':{}}"),
        json("{'port':'80','targetPort':8080,'emptyDir':{}}"))).isTrue();
  }

  @Test
  @DisplayName("quantities agree in the API server's canonical form (1024Mi is stored as 1Gi), other text does not")
  void quantitiesAsTheApiServerStoresThem() throws Exception {
    assertThat(Drift.covers(json("{'resources':{'limits':{'memory':'1024Mi','cpu':'1000m'},'requests':{'cpu':'0.5'}}}"),
        json("{'resources':{'limits':{'memory':'1Gi','cpu':'1'},'requests':{'cpu':'500m'}}}"))).isTrue();
    assertThat(Drift.covers(json("{'emptyDir':{'sizeLimit':'1024Mi'}}"), json("{'emptyDir':{'sizeLimit':'1Gi'}}")))
        .isTrue();
    assertThat(Drift.covers(json("{'resources':{'limits':{'memory':'1Gi'}}}"),
        json("{'resources':{'limits':{'memory':'2Gi'}}}"))).as("a changed limit is drift").isFalse();
    assertThat(Drift.covers(json("{'env':[{'name':'A','value':'1024Mi'}]}"),
        json("{'env':[{'name':'A','value':'1Gi'}]}")))
        .as("only quantity fields compare as quantities").isFalse();
  }

  @Test
  void theNewestWriterDecidesWhetherAnUpdateIsLatticesOwn() {
    var object = new ConfigMapBuilder().withNewMetadata().withName("c")
        .addNewManagedField().withManager("lattice").withOperation("Apply").withTime("2026-12-01T10:00:00Z")
        .endManagedField()
        .addNewManagedField().withManager("kubectl-edit").withOperation("Update").withTime("2026-12-01T10:05:00Z")
        .endManagedField().endMetadata().build();
    assertThat(Drift.lastWrittenByLattice(object)).isFalse();
    object.getMetadata().getManagedFields().get(0).setTime("2026-12-01T10:06:00Z");
    assertThat(Drift.lastWrittenByLattice(object)).isTrue();
    object.getMetadata().getManagedFields().get(0).setTime("2026-12-01T10:05:00Z");
    assertThat(Drift.lastWrittenByLattice(object)).as("a tie is someone else's change").isFalse();
  }
}
