#!/usr/bin/env bash
# Runs InspectJob from the all jar the way spark-submit does (org.apache.spark.deploy.SparkSubmit, which is what
# bin/spark-submit starts), with only Spark's own jars on the class path, on a local-cluster[2,1,1024] master that
# forks two executor JVMs. No Spark distribution can be downloaded here, so Spark's jars come from the local Maven
# repository (samlad-spark/target/spark.classpath) plus the Jackson a Spark 4.2 distribution ships.
# Usage: samlad-spark/scripts/submit-local-cluster.sh BANK IMAGE_DIR OUT.parquet   (after mvn -B -ntp package)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
m2="${HOME}/.m2/repository/com/fasterxml/jackson/core"
cp="$(cat "$root/samlad-spark/target/spark.classpath"):$m2/jackson-databind/2.21.3/jackson-databind-2.21.3.jar"
cp="$cp:$m2/jackson-core/2.21.2/jackson-core-2.21.2.jar:$m2/jackson-annotations/2.21/jackson-annotations-2.21.jar"
flags=$(grep -o '<spark.jvm.flags>[^<]*' "$root/samlad-spark/pom.xml" | sed 's/<spark.jvm.flags>//')
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
# local-cluster workers build executor command lines with Spark's launcher, which wants these without SPARK_HOME.
export SPARK_LOCAL_IP=127.0.0.1 SPARK_TESTING=1 SPARK_SCALA_VERSION=2.13 SPARK_HOME="$home"
# shellcheck disable=SC2086
exec java $flags -Dlog4j2.configurationFile="$root/samlad-spark/src/main/resources/samlad-spark-log4j2.properties" \
  -cp "$cp" org.apache.spark.deploy.SparkSubmit --master 'local-cluster[2,1,1024]' \
  --conf spark.executor.extraJavaOptions="$flags" --conf spark.executor.extraClassPath="$cp" \
  --conf spark.ui.enabled=false --class io.samlad.spark.InspectJob \
  "$root"/samlad-spark/target/samlad-spark-0.1.0-SNAPSHOT-all.jar --bank "$1" --input "$2" --out "$3"
