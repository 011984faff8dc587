/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bbh-channel-stats.h"

G_BEGIN_DECLS

gpointer bbh_channel_stats_parse (JsonObject  *root,
                                  GError     **error);

G_END_DECLS
