/* sandbox-recordings.h — recording files: synthesis, serving with Range, MP3 download
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sandbox-server.h"

G_BEGIN_DECLS

/* GET /voip/record/{file}: the WAV as stored, with Range support. */
void   sandbox_recordings_serve_file     (SandboxServer     *server,
                                          SoupServerMessage *msg,
                                          const char        *file,
                                          gint64             started_ms);
/* GET /voip/sound/{wfPath}: a call flow's message (synthesized), with Range support. */
void   sandbox_recordings_serve_sound    (SandboxServer     *server,
                                          SoupServerMessage *msg,
                                          const char        *file,
                                          gint64             started_ms);
/* GET /voip/api/client/download/record.json?id=CDRID[&ismp3=1]: auth parameters required. */
void   sandbox_recordings_serve_download (SandboxServer     *server,
                                          SoupServerMessage *msg,
                                          GHashTable        *params,
                                          gint64             started_ms);
/* The file of a call record relative to the recordings dir, or NULL. */
char  *sandbox_recordings_lookup_file    (SandboxDb         *db,
                                          gint64             cdr_id,
                                          gint64             comp_id);

G_END_DECLS
