# syntax=docker/dockerfile:1
# weikao container images.
#
#   docker build -t weikao .                  -> the `weikao` binary (+ SPA builds) on debian:bookworm-slim (target runtime)
#   docker build --target web -t weikao-web . -> nginx:1.27 with both SPAs and deploy/nginx.conf (compose service `web`)
#
# Stages: build (Rust release binary) -> frontend (both SPAs, if present) -> web (nginx) -> runtime (default, last).
# BuildKit is assumed (cache mounts keep the cargo registry, target dir and npm cache between builds).

# ---------------------------------------------------------------------------------------------- Rust build
FROM rust:1-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The whole workspace (Cargo.toml, Cargo.lock, backend/, tests/, migrations/, openapi/ ...); .dockerignore keeps
# target/, node_modules/, var/, .venv/ and .git/ out of the context.
COPY . .
# --locked: build exactly what Cargo.lock says (it must be committed). The target dir is a cache mount, so the
# binary is copied out of it within the same step.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/local/cargo/git \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin weikao \
 && install -D -m 0755 target/release/weikao /out/weikao

# ---------------------------------------------------------------------------------------------- front ends
FROM node:20-bookworm AS frontend
WORKDIR /src
COPY . .
# Each SPA is built only if its folder exists; its Vite output (dist/) lands in /out/<name>.
# frontend-review must be built with base '/review/' (that is where deploy/nginx.conf serves it).
RUN --mount=type=cache,target=/root/.npm \
    set -eu; \
    mkdir -p /out/candidate /out/review; \
    for app in candidate review; do \
      if [ -d "frontend-$app" ]; then \
        echo "building frontend-$app"; \
        (cd "frontend-$app" && npm ci --no-audit --no-fund && npm run build && cp -a dist/. "/out/$app/"); \
      else \
        echo "frontend-$app not present: nothing to build"; \
      fi; \
    done

# ---------------------------------------------------------------------------------------------- nginx (web)
FROM nginx:1.27 AS web
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=frontend /out/candidate /srv/web/candidate
COPY --from=frontend /out/review /srv/web/review

# ---------------------------------------------------------------------------------------------- runtime
FROM debian:bookworm-slim AS runtime
# libpq5: diesel's PostgreSQL client library; ca-certificates: TLS to SMTP relays, S3 and payment centres;
# curl: used by the compose health checks (GET /healthz).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 ca-certificates curl postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 weikao \
 && useradd --system --uid 10001 --gid weikao --home-dir /var/lib/weikao --create-home --shell /usr/sbin/nologin weikao
COPY --from=build /out/weikao /usr/local/bin/weikao
# The SPAs are also in this image, for single-container deployments where `weikao serve` serves them itself.
COPY --from=frontend /out/candidate /srv/web/candidate
COPY --from=frontend /out/review /srv/web/review
USER 10001:10001
WORKDIR /var/lib/weikao
# Listen on all interfaces inside the container (the application default is for a developer machine); keep
# generated files (development keys, audit anchors) in the home directory; serve the SPAs copied above.
ENV WEIKAO_BIND=0.0.0.0:8080 \
    WEIKAO_DATA_DIR=/var/lib/weikao \
    WEIKAO_WEB_DIR=/srv/web
EXPOSE 8080
# No HEALTHCHECK here: the same image runs `serve`, `worker` and `migrate`; docker-compose.yml checks the API
# services with `curl -fsS http://127.0.0.1:8080/healthz`.
ENTRYPOINT ["weikao"]
CMD ["serve"]
