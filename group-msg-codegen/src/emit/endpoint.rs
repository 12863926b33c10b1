//! Endpoint facts as constants: method, path, servers, operation id and where the api key goes.

use proc_macro2::TokenStream;
use quote::quote;

use super::Emitter;
use crate::ir::Endpoint;
use crate::read::ParamLocation;

fn opt(s: &Option<String>) -> TokenStream {
    match s {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

impl Emitter<'_> {
    pub fn endpoint(&self, ep: &Endpoint) -> TokenStream {
        let rt = &self.p.rt;
        let method = &ep.method;
        let path = &ep.path;
        let op = &ep.operation_id;
        let server = ep.servers.first().map(|s| s.url.clone()).unwrap_or_default();
        let servers = ep.servers.iter().map(|s| {
            let url = &s.url;
            let description = opt(&s.description);
            let vars = s.variables.iter().map(|v| {
                let name = &v.name;
                let default = &v.default;
                let values = &v.values;
                let description = opt(&v.description);
                quote!(#rt::ServerVariable { name: #name, default: #default, values: &[#(#values),*], description: #description })
            });
            quote!(#rt::Server { url: #url, description: #description, variables: &[#(#vars),*] })
        });
        let auth = ep.auth.iter().map(|a| {
            let scheme = &a.scheme;
            let name = &a.name;
            let location = match a.location {
                ParamLocation::Query => quote!(#rt::ParamLocation::Query),
                ParamLocation::Header => quote!(#rt::ParamLocation::Header),
                ParamLocation::Path => quote!(#rt::ParamLocation::Path),
            };
            quote!(#rt::ApiKey { scheme: #scheme, location: #location, name: #name })
        });
        quote! {
            /// The HTTP method of this API.
            pub const METHOD: &str = #method;
            /// The path of this API, to append to a server URL.
            pub const PATH: &str = #path;
            /// The spec's `operationId`.
            pub const OPERATION_ID: &str = #op;
            /// The default server URL (`{name}` parts are variables listed in [`SERVERS`]).
            pub const SERVER: &str = #server;
            /// Every server the spec lists, the default first.
            pub const SERVERS: &[#rt::Server] = &[#(#servers),*];
            /// The api keys the request carries, and where.
            pub const AUTH: &[#rt::ApiKey] = &[#(#auth),*];
        }
    }
}
