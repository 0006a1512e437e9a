# syntax=docker/dockerfile:1
# Build a static binary, then ship it alone on an empty image with the CA
# certificates it needs for HTTPS, a writable /tmp and the /data volume,
# running as a non-root user. Time-zone data is compiled into the binary
# (-tags timetzdata).
#
# The build stage lays out the image's files in /dist (and /data's empty
# folder in /datadir); the runtime stage only copies them. A test
# (cmd/newsbrief/docker_test.go) builds the runtime stage from a tree
# laid out the same way on the host, with --build-context build=DIR,
# where no base image can be pulled.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=
RUN CGO_ENABLED=0 go build -trimpath -tags timetzdata \
      -ldflags="-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" \
      -o /dist/newsbrief ./cmd/newsbrief \
 && mkdir -p /dist/tmp /dist/etc/ssl/certs /datadir \
 && chmod 1777 /dist/tmp \
 && cp /etc/ssl/certs/ca-certificates.crt /dist/etc/ssl/certs/

FROM scratch
# /dist's contents with their modes: the binary, the certificates, and
# /tmp writable by anyone (the demo and any temporary file need it).
COPY --from=build /dist/ /
COPY --from=build --chown=65532:65532 /datadir /data
USER 65532:65532
VOLUME ["/data"]
ENV NEWSBRIEF_DATA_DIR=/data NEWSBRIEF_CONSOLE=false
ENTRYPOINT ["/newsbrief"]
CMD ["run"]
