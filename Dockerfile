# tandem: multi-stage image.
#   docker build -t tandem .
#   docker run --rm -p 8080:8080 tandem
# Everything the service needs (config/, reference data, holiday calendars, vendored
# Swagger UI, migrations) is in the image: nothing is downloaded at run time.

# ---- build ----------------------------------------------------------------------------
FROM rust:1-bookworm AS builder
WORKDIR /src
# sqlx macros must never try to reach a database while compiling.
ENV SQLX_OFFLINE=true
# HiGHS (season planning) is built from the `highs-sys` crate's source: cmake, a C++
# compiler (in the image) and libclang for bindgen.
RUN apt-get update \
 && apt-get install -y --no-install-recommends cmake libclang-dev \
 && rm -rf /var/lib/apt/lists/*
COPY . .
# Cache mounts (BuildKit) keep the crate registry and target/ between builds; the binary
# is copied out of the cached target/ because cache mounts are not part of the layer.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/local/cargo/git \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin tandem \
 && install -D -m 0755 target/release/tandem /out/tandem

# ---- runtime --------------------------------------------------------------------------
FROM debian:bookworm-slim
# tzdata: the system's tz database, which tandem reads at start-up (DESIGN §2). The
# upgrade takes the archive's current release; rebuild the image to take a new one.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && apt-get install -y --only-upgrade tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 tandem \
 && useradd --system --uid 10001 --gid tandem --home-dir /var/lib/tandem --create-home \
        --shell /usr/sbin/nologin tandem
COPY --from=builder /out/tandem /usr/local/bin/tandem
# The binary embeds config/ at build time; this copy is for reading and for --config layering.
COPY config/ /etc/tandem/config/
# Writable working directory for the non-root user (e.g. a default SQLite file).
WORKDIR /var/lib/tandem
USER tandem:tandem
EXPOSE 8080
ENTRYPOINT ["tandem"]
CMD ["serve", "--bind", "0.0.0.0:8080"]
