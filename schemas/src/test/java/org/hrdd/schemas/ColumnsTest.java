package org.hrdd.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void everyContractHasAConstantsClassEqualToItsColumns() throws Exception {
        Map<String, Contract> contracts = ContractLoader.loadAll();
        Set<String> covered = new HashSet<>();
        for (Class<?> cls : Columns.class.getDeclaredClasses()) {
            String table = (String) cls.getField("TABLE").get(null);
            Contract c = contracts.get(table);
            assertThat(c).as(cls.getSimpleName() + " names a contract").isNotNull();
            Set<String> constants = new TreeSet<>();
            for (Field f : cls.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && !f.getName().equals("TABLE")) {
                    assertThat(f.getName()).isEqualTo(((String) f.get(null)).toUpperCase(java.util.Locale.ROOT));
                    constants.add((String) f.get(null));
                }
            }
            Set<String> business = new TreeSet<>(c.columns().stream()
                    .map(Column::name)
                    .filter(n -> !n.startsWith("_"))
                    .toList());
            assertThat(constants).as(table).isEqualTo(business);
            covered.add(table);
        }
        assertThat(covered).containsExactlyInAnyOrderElementsOf(contracts.keySet());
    }
}
