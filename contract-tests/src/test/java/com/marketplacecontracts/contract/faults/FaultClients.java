package com.marketplacecontracts.contract.faults;

import com.marketplacecontracts.teez.TeezClient;
import com.marketplacecontracts.yandex.YandexMarketClient;

/** The clients a fault matrix cell's operation calls, as each test of the matrix builds them. */
interface FaultClients {

  TeezClient teez();

  YandexMarketClient yandex();
}
