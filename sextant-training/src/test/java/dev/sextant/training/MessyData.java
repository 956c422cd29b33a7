package dev.sextant.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;

/**
 * A customer table with the usual mess: an id column, missing amounts and cities, a date, a
 * boolean, a timestamp; churn depends on amount, city and plan, with noise.
 */
final class MessyData {
    private static final String[] CITIES = {"Paris", "Lyon", "Nice", "Lille"};

    private MessyData() {
    }

    static Path write(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("customer_id,amount,city,signed_up,premium,last_seen,churned\n");
        for (int i = 0; i < rows; i++) {
            double amount = Math.round(random.nextDouble() * 1000) / 10.0;
            String city = CITIES[random.nextInt(CITIES.length)];
            boolean premium = random.nextBoolean();
            double risk = (amount < 30 ? 0.6 : 0.2) + (city.equals("Nice") ? 0.2 : 0) - (premium ? 0.2 : 0);
            int churned = random.nextDouble() < risk ? 1 : 0;
            LocalDate signedUp = LocalDate.of(2019, 1, 1).plusDays(random.nextInt(1400));
            csv.append("c-").append(i).append(',')
                    .append(random.nextInt(10) == 0 ? "" : String.valueOf(amount)).append(',')
                    .append(random.nextInt(12) == 0 ? "" : city).append(',')
                    .append(signedUp).append(',').append(premium).append(',')
                    .append("2024-01-01 00:00:").append(String.format("%02d", i % 60)).append(',')
                    .append(churned).append('\n');
        }
        return Files.writeString(file, csv);
    }
}
