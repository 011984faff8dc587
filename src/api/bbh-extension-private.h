/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bbh-extension.h"

G_BEGIN_DECLS

gpointer bbh_extension_parse (JsonObject  *root,
                              GError     **error);

G_END_DECLS
