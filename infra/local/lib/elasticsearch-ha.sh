# Chaos topology's Elasticsearch: a second single node on 127.0.0.1:9201 (transport 9301), run by the
# functions of elasticsearch.sh with their settings swapped in a subshell. It uses the harness's
# elasticsearch.yml, not infra/elasticsearch/elasticsearch.yml: the integ-test zip lacks the x-pack and
# analysis plugins that file configures, and an unknown setting aborts start-up.
# shellcheck shell=bash

# shellcheck disable=SC2034 # globals read by the functions of elasticsearch.sh
elasticsearch_ha_use() {
  ES_LABEL=elasticsearch_ha
  ES_PORT=9201
  ES_RUN="$CHAOS_RUN/elasticsearch"
  ES_PIDFILE="$ES_RUN/elasticsearch.pid"
  ES_HEALTH_STATUS=yellow
  ES_HEALTH_URL="http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=$ES_HEALTH_STATUS&wait_for_no_initializing_shards=true&timeout=60s"
  ES_EXTRA_SETTINGS=(-Ehttp.port=9201 -Etransport.port=9301 -Ecluster.name=harvest-chaos -Enode.name=harvest-chaos)
}

elasticsearch_ha_up() { (elasticsearch_ha_use && elasticsearch_up); }
elasticsearch_ha_down() { (elasticsearch_ha_use && elasticsearch_down); }
elasticsearch_ha_status() { (elasticsearch_ha_use && elasticsearch_status); }
