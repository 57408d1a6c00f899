# Lectern in a container: a multi-stage build, a small runtime image running as a non-root
# user, the archive and the index as volumes, a HEALTHCHECK on /readyz, and the sample archive
# indexed at build time. The steps live in scripts/container-steps.sh, which CI runs too.
#
#   docker build -t lectern .
#   docker run -p 3000:3000 -v lectern-archive:/data/archive -v lectern-index:/data/index lectern

FROM rust:1-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked && install -m 0755 target/release/lectern /usr/local/bin/lectern

FROM debian:bookworm-slim
COPY --from=build /usr/local/bin/lectern /usr/local/bin/lectern
COPY scripts/container-steps.sh /usr/local/bin/container-steps.sh
COPY archive /opt/lectern/sample-archive
RUN container-steps.sh add-user lectern \
 && container-steps.sh prepare /usr/local/bin/lectern /opt/lectern/sample-archive /data lectern
USER lectern
WORKDIR /data
ENV LECTERN_ARCHIVE=/data/archive \
    LECTERN_INDEX=/data/index \
    LECTERN_ADDR=0.0.0.0:3000 \
    LECTERN_LOG_FORMAT=json
VOLUME ["/data/archive", "/data/index"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD ["container-steps.sh", "healthcheck", "3000"]
CMD ["lectern", "serve"]
