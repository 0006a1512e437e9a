# syntax=docker/dockerfile:1
# Build a static binary, then ship it alone on an empty image with the CA
# certificates it needs for HTTPS, running as a non-root user. Time-zone
# data is compiled into the binary (-tags timetzdata).
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -tags timetzdata -ldflags="-s -w -X main.version=${VERSION}" -o /out/newsbrief ./cmd/newsbrief \
 && mkdir -p /out/data && chown 65532:65532 /out/data

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/newsbrief /newsbrief
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
VOLUME ["/data"]
ENV NEWSBRIEF_DATA_DIR=/data NEWSBRIEF_CONSOLE=false
ENTRYPOINT ["/newsbrief"]
CMD ["run"]
