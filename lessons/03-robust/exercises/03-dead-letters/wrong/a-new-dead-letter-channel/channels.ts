/** Wrong: routes the showstoppers to a second, new channel, not to the one it returns. */
import type { Graph, Rx, Tx } from '@steady/runtime';

export function buildWorkerInput(graph: Graph<unknown>): {
  generatorTx: Tx<number>;
  generatorRx: Rx<number>;
  deadLettersRx: Rx<number>;
} {
  const [, deadLettersRx] = graph.channelBuilder().withName('dead letters').build();
  const [poisonTx] = graph.channelBuilder().withName('poison').build();
  const [generatorTx, generatorRx] = graph
    .channelBuilder()
    .withName('generator')
    .withDeadLetters(poisonTx)
    .build();
  return { generatorTx, generatorRx, deadLettersRx };
}
