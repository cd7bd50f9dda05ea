package org.hrdd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hrdd.ingest.Feed;
import org.hrdd.ingest.SourceMappingLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolution benchmark's counting, on a list and pairs small enough to count by hand. */
class ResolutionBenchTest {

    @TempDir
    Path dir;

    @Test
    void pairsAndPerturbationsAreCountedAsTheProtocolSays() throws IOException {
        Files.writeString(
                dir.resolve("list.csv"),
                """
                country,name,address
                Thailand,"Siam Precision Electronics Co., Ltd.",Rayong
                Viet Nam,Tan Phu Garment,Hanoi
                INDIA,Shahi Exports Pvt Ltd Unit 10,Noida
                Atlantis,Lost Company,nowhere
                ,No Country Ltd,
                """);
        Files.writeString(
                dir.resolve("pairs.json"),
                """
                {"match": [
                  {"__class__": "tuple", "__value__": [
                    {"name": "siam precision electronic", "address": "", "country": "th"},
                    {"name": "Siam Precision Electronics Co Ltd", "address": "", "country": "th"}]},
                  {"__class__": "tuple", "__value__": [
                    {"name": "shahi exports unit 6", "address": "", "country": "in"},
                    {"name": "shahi exports pvt ltd unit 6", "address": "", "country": "in"}]},
                  {"__class__": "tuple", "__value__": [
                    {"name": "tan phu garmnt", "address": "", "country": "vn"},
                    {"name": "Tan Phu Garment", "address": "Hanoi", "country": "vn"}]},
                  {"__class__": "tuple", "__value__": [
                    {"name": "Tan Phu Garment", "address": "Hanoi", "country": "vn"},
                    {"name": "Tan Phu Garments Export", "address": "Hanoi", "country": "vn"}]}],
                 "distinct": [
                  {"__class__": "tuple", "__value__": [
                    {"name": "shahi exports pvt. ltd. unit 10", "address": "", "country": "in"},
                    {"name": "shahi exports pvt ltd unit 6", "address": "", "country": "in"}]},
                  {"__class__": "tuple", "__value__": [
                    {"name": "felix", "address": "lot 10 zone industrielle utique bizerte", "country": "tn"},
                    {"name": "felix", "address": "route de la republique 4 beni khiar nabeul", "country": "tn"}]}]}
                """);
        Feed.ValueMap countries = SourceMappingLoader.valueTable(
                Path.of(System.getProperty("hrdd.repo.root", ".."), "conf/sources"), "countries", false);

        ResolutionBench.Result r = ResolutionBench.run(dir, 42, 2, 0.92, 0.02, countries);

        assertThat(r.listedFacilities()).isEqualTo(3);
        assertThat(r.skippedRows()).as("Atlantis and the row without a country").isEqualTo(2);
        ResolutionBench.Figures pairs = r.pairs();
        assertThat(pairs.references()).isEqualTo(6);
        // three match pairs find their partner (unit 6 joined the master from its pair); the fourth's first record is
        // itself in the master (the third pair's second) and resolves to itself: neither right nor wrong; the unit-10
        // distinct pair resolves to the listed unit 10, not to its partner; the two "felix" of Tunisia are one name:
        // a wrong match
        assertThat(pairs.right()).isEqualTo(3);
        assertThat(pairs.wrong()).isEqualTo(1);
        assertThat(pairs.resolved()).isEqualTo(6);
        assertThat(pairs.precision()).isEqualTo(3.0 / 4);
        assertThat(r.matchPairs()).isEqualTo(4);
        assertThat(pairs.recall(r.matchPairs())).isEqualTo(3.0 / 4);
        assertThat(pairs.wrongExamples()).singleElement().asString().startsWith("distinct pair TN: 'felix'");
        // with the records' addresses the two "felix" are two places: the reference is left for review
        ResolutionBench.Figures withAddress = r.pairsWithAddress();
        assertThat(withAddress.right()).isEqualTo(3);
        assertThat(withAddress.wrong()).isZero();
        assertThat(withAddress.resolved()).isEqualTo(5);

        ResolutionBench.Figures perturbed = r.perturbations();
        assertThat(perturbed.references()).isEqualTo(3 * 2);
        assertThat(perturbed.wrong()).as(perturbed.wrongExamples().toString()).isZero();
        assertThat(perturbed.right()).isEqualTo(perturbed.resolved()).isPositive();
        assertThat(perturbed.precision()).isEqualTo(1.0);
        assertThat(perturbed.missedExamples())
                .as("each unresolved reference listed, up to 15")
                .hasSize(Math.min(15, perturbed.references() - perturbed.resolved()));
    }
}
