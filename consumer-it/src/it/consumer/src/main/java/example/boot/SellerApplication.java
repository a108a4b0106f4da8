package example.boot;

import com.marketplacecontracts.core.operation.ClientEvents;
import com.marketplacecontracts.core.operation.ContractMismatch;
import com.marketplacecontracts.yandex.YandexMarketClient;
import com.marketplacecontracts.yandex.model.GetOrderIdentifiersStatusResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A user's Boot service: the client comes from application properties ({@code marketplace.yandex.*}), the service
 * only asks for it.
 */
// tag::boot-app[]
@SpringBootApplication
public class SellerApplication {

  public static void main(String[] args) {
    SpringApplication.run(SellerApplication.class, args);
  }

  /** The service's own code: it gets the configured client injected. */
  @Bean
  UinChecks uinChecks(YandexMarketClient market) {
    return new UinChecks(market);
  }

  /** Every ClientEvents bean receives the clients' events: here, what the contract guard finds. */
  @Bean
  Drift drift() {
    return new Drift();
  }

  public record UinChecks(YandexMarketClient market) {
    public GetOrderIdentifiersStatusResponse of(long campaignId, long orderId) {
      return market.uinStatus(campaignId, orderId);
    }
  }

  public static final class Drift implements ClientEvents {
    public final List<ContractMismatch> found = new CopyOnWriteArrayList<>();

    @Override
    public void contractMismatch(ContractMismatch mismatch) {
      found.add(mismatch);
    }
  }
}
// end::boot-app[]
